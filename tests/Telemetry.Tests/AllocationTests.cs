using System.Runtime;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;
using ChargeController.Sim.Board;
using ChargeController.Sim.Link;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// On the device every message is written into a preallocated buffer: after warm-up, encoding allocates nothing, measured
/// exactly over a thousand messages of each kind. The simulated link, which the scenarios will drive every tick, too.
/// </summary>
public class AllocationTests
{
    private const int Messages = 1000;
    private const long Time = 1795862176;

    private static long AllocatedBy(Action once)
    {
        once(); // warm-up: JIT, static tables
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Messages; i++)
            once();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static PileEvent[] PlatformEvents()
    {
        var ring = new EventRing(16);
        ring.SetWallClock(Time);
        ring.Boot(0, BootReason.PowerLoss, 7);
        ring.Session(1000, EventRing.SessionStart, StopReason.None, EventRing.SessionOffline, "7-1", "CARD-0042", 1234567, PileEvent.NoReading);
        ring.Fault(2000, Fault.ResidualCurrentDc, true, false, 1);
        ring.Fault(3000, Fault.ResidualCurrentDc, false, false, 1);
        ring.Session(4000, EventRing.SessionEnd, StopReason.EVDisconnected, 0, "7-1", "CARD-0042", 1234567, 1240000);
        ring.ConfigChange(5000, "meter.profile", "sdm630", true);
        var events = new List<PileEvent>();
        while (ring.TryRead(out var e))
            events.Add(e);
        return events.ToArray();
    }

    /// <summary>The count is exact only without background GC (Telemetry.Tests.csproj): workstation GC then runs in Batch mode.</summary>
    [Fact]
    public void NoGcRunsInTheBackgroundOfAMeasurement() => Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);

    [Fact]
    public void EventMessagesAllocateNothing()
    {
        var writer = new JsonWriter(MessageEncoder.MaxBytes);
        var journal = new JournalEncoding(writer, 7);
        foreach (var e in PlatformEvents())
            journal.Record(e);
        Assert.Equal(0, AllocatedBy(journal.EncodeRecorded)); // the outbox's way: read a record, encode it in place
        Assert.False(writer.Overflowed);
    }

    [Fact]
    public void StatusMessagesAllocateNothing()
    {
        var writer = new JsonWriter(MessageEncoder.MaxBytes);
        var encoder = new StatusEncoder(writer, "cc-0001", "1.0.0");
        var view = new StatusView();
        var events = PlatformEvents();
        var link = new LinkStatistics();
        var uptimeMs = 0L;
        Assert.Equal(0, AllocatedBy(() =>
        {
            foreach (var e in events)
                if (view.Apply(e))
                    encoder.Online(view, 2, 0, link, uptimeMs += 10, Time);
            link.ConnectFailed(LinkStatus.TlsFailure);
            encoder.Offline();
        }));
    }

    [Fact]
    public void TelemetryMessagesAllocateNothing()
    {
        var writer = new JsonWriter(MessageEncoder.MaxBytes);
        var encoder = new TelemetryEncoder(writer, "cc-0001");
        var sample = new TelemetrySample { Cp = PilotState.C, AdvertisedMa = 32000, Phases = 3, EnclosureDeciC = -200, ConnectorDeciC = 350, SignalDbm = -80, FrequencyMhz = 50010 };
        Assert.Equal(0, AllocatedBy(() =>
        {
            sample.UptimeMs += 60_000;
            sample.UnixS = Time + sample.UptimeMs / 1000;
            sample.EnergyWh += 120;
            encoder.Encode(sample);
        }));
    }

    [Fact]
    public void TheSimulatedLinkAllocatesNothingPerPublishAndAcknowledgement()
    {
        var clock = new VirtualClock();
        var link = new SimBrokerLink(clock, new SimBroker(8, 2, 256), 256);
        var listener = new CountingListener();
        link.Listen(listener);
        Assert.Equal(LinkStatus.Ok, link.Connect(new LinkConnectOptions { ClientId = "cc-0001" }));
        var payload = new byte[100];
        Assert.Equal(0, AllocatedBy(() =>
        {
            link.Publish("piles/cc-0001/events", payload, 0, payload.Length, LinkQos.AtLeastOnce, false, out _);
            link.Publish("piles/cc-0001/status", payload, 0, payload.Length, LinkQos.AtLeastOnce, true, out _);
            clock.AdvanceTo(clock.NowMs + 2 * SimBrokerLink.DefaultLatencyMs);
            link.Step();
        }));
        Assert.Equal(2 * (Messages + 1), listener.Acknowledged);
    }

    private sealed class CountingListener : ILinkListener
    {
        public int Acknowledged;
        public void MessageReceived(string topic, byte[] payload, int offset, int count) { }
        public void PublishAcknowledged(int messageId) => Acknowledged++;
        public void PublishRefused(int messageId, int reasonCode) { }
        public void ConnectionLost(LinkStatus reason) { }
    }
}
