using ChargeController.Tests.Support;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Supervision;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// What the runtime does for a device board beyond the simulator's: the wall clock set from the device's UTC clock, Wi-Fi
/// retried and, when it stays gone, a planned reboot, released by the control thread and carried out on the supervisor
/// thread. (A board that measures no supply voltage: <see cref="MeteredSupplyTests"/>.)
/// </summary>
public class DeviceWiringTests
{
    private sealed class Outputs : ISupervisionOutputs
    {
        public int Reboots { get; private set; }
        public void KickWatchdog() { }
        public void Reboot() => Reboots++;
    }

    private sealed class NoConsumer : IEventConsumer
    {
        public void Write(PileEvent e) { }
    }

    private sealed class Station : IWifiStation
    {
        public bool IsConnected { get; set; }
        public List<int> Attempts { get; } = new();

        public bool Connect(int timeoutMs)
        {
            Attempts.Add(timeoutMs);
            return IsConnected;
        }
    }

    private sealed class Utc : IUtcClock
    {
        public long? UnixSeconds { get; set; }

        public bool TryGetUnixSeconds(out long unixSeconds)
        {
            unixSeconds = UnixSeconds ?? 0;
            return UnixSeconds.HasValue;
        }
    }

    private readonly SimBoard _board = new();
    private readonly Outputs _outputs = new();
    private readonly SimFileStore _files = new();
    private readonly SimMeter _meter;
    private readonly PileRuntime _runtime;

    public DeviceWiringTests()
    {
        var config = new PileConfig();
        Assert.Null(config.SetAssignment("wifi.rebootAfterMin=1"));
        Assert.Null(config.SetAssignment("wifi.retryS=20"));
        _meter = new SimMeter(MeterSetup.ProfileFrom(config), (byte)config.Get(ConfigKeys.MeterAddress));
        var b = _board;
        var hardware = new PileHardware(b.Clock, b.Pilot, b.Sensors, b.Contactor, b.ResidualCurrent, null, b.Sensors, b.Sensors, b.Indicator, b.Lock);
        _runtime = new PileRuntime(config, hardware, _files, new SimModbusBus(_meter), _outputs, new NoConsumer());
        _runtime.Boot();
    }

    private void ControlAt(long nowMs)
    {
        _board.Clock.AdvanceTo(nowMs);
        _runtime.Control.RunOnce(nowMs);
    }

    [Fact]
    public void TheWallClockIsSetOnceUtcIsKnownAndAgainEveryHour()
    {
        var utc = new Utc();
        _runtime.UtcClock = utc;
        ControlAt(0);
        Assert.Equal(0, _runtime.Events.WallClockS(0));
        utc.UnixSeconds = 1_790_000_000;
        ControlAt(500);
        Assert.Equal(0, _runtime.Events.WallClockS(500)); // looked again only after a second
        ControlAt(1000);
        Assert.Equal(1_790_000_000, _runtime.Events.WallClockS(1000));
        utc.UnixSeconds = 1_790_000_100;
        ControlAt(2000);
        Assert.Equal(1_790_000_001, _runtime.Events.WallClockS(2000));
        ControlAt(1000 + 3600_000);
        Assert.Equal(1_790_000_100, _runtime.Events.WallClockS(1000 + 3600_000));
    }

    [Fact]
    public void WifiIsRetriedThenAPlannedRebootIsLeftToTheSupervisor()
    {
        var station = new Station();
        var wifi = _runtime.WifiSupervision(station);
        for (long t = 0; t < 60_000; t += 1000)
        {
            ControlAt(t); // the pile idles: no session keeps the reboot back
            wifi.RunOnce(t);
        }
        Assert.Equal(new[] { 20_000, 20_000, 20_000 }, station.Attempts); // at 0, 20 s and 40 s, each waiting wifi.connectTimeoutS
        Assert.Equal(0, _outputs.Reboots);
        ControlAt(60_000);
        wifi.RunOnce(60_000);
        Assert.Equal(0, _outputs.Reboots); // the Wi-Fi thread only asks
        _runtime.Supervision.RunOnce(60_000);
        Assert.Equal(0, _outputs.Reboots); // the control thread has not wound the pile down yet
        ControlAt(60_010);
        _runtime.Supervision.RunOnce(60_010);
        Assert.Equal(1, _outputs.Reboots);
        _runtime.Supervision.RunOnce(60_020);
        Assert.Equal(1, _outputs.Reboots);
        _runtime.Boot();
        Assert.Equal(BootReason.Planned, _runtime.LastBoot.Reason);
    }

    [Fact]
    public void AStationThatIsUpIsLeftAlone()
    {
        var station = new Station { IsConnected = true };
        var wifi = _runtime.WifiSupervision(station);
        for (long t = 0; t < 120_000; t += 1000)
            wifi.RunOnce(t);
        Assert.Empty(station.Attempts);
        _runtime.Supervision.RunOnce(120_000);
        Assert.Equal(0, _outputs.Reboots);
    }

    /// <summary>
    /// A pile without a platform link (the device's "runs without the platform") boots over a journal that an outage
    /// filled with unacknowledged sessions: nothing will ever acknowledge them, so the boot compacts them away like any
    /// other record instead of holding the journal at its ceiling (storage-full, no new session, for good).
    /// </summary>
    [Fact]
    public void WithoutAPlatformLinkAJournalFullOfUnsentSessionsIsCompactedAtBoot()
    {
        var earlier = new Journal(_files, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        earlier.Open();
        earlier.StartBoot(_runtime.LastBoot.BootNumber);
        JournalFill.To(earlier, Journal.CeilingBytes - 256);

        _runtime.Boot();
        ControlAt(10);
        _runtime.Storage.RunOnce(10);
        ControlAt(20);

        var journal = _runtime.LastBoot.Journal;
        Assert.InRange(journal.Length, 1, BootSequence.JournalCompactAboveBytes);
        Assert.Equal(0, journal.OutboxPending);
        Assert.False(_runtime.Pile.Faults.IsRaised(Fault.StorageFull));
    }
}
