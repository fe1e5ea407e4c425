using System.Runtime;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.Tests;

/// <summary>
/// The steady state allocates nothing per tick: on the device every allocation is heap churn on an 80 KB heap and a GC
/// pause on the control thread. Measured exactly, over a minute of ticks: vehicle step, meter poll, core tick, the
/// journal's session checkpoint, the supervisor. The consumer here counts events without making text (the trace
/// writer is a tool's, not the device's).
/// </summary>
public class AllocationTests
{
    private const int MinuteOfTicksMs = 60_000;

    private sealed class CountingWriter : IEventWriter
    {
        public int Events;
        public void Write(PileEvent e) => Events++;
    }

    private static (SimulatedPile Pile, CountingWriter Events) Pile(params string[] settings)
    {
        var events = new CountingWriter();
        var config = new PileConfig();
        foreach (var setting in settings)
            Assert.Null(config.SetAssignment(setting));
        var pile = new SimulatedPile(config, events);
        pile.Start();
        return (pile, events);
    }

    private static void Do(SimulatedPile pile, long atMs, string command)
    {
        pile.AdvanceTo(atMs - 1);
        pile.Apply(ScenarioParser.ParseCommand(command, atMs, out _)!);
    }

    private static long AllocatedOver(SimulatedPile pile)
    {
        var from = pile.NowMs;
        pile.AdvanceTo(from + 70_000); // warm-up: every path of the steady state has run, a checkpoint included
        var before = GC.GetAllocatedBytesForCurrentThread();
        pile.AdvanceTo(from + 70_000 + MinuteOfTicksMs);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// The count is exact only without background GC: a background GC ends its mark phase by dropping every thread's
    /// allocation buffer, leaving the unused rest counted as allocated: up to ~8 KB on a thread that allocated nothing,
    /// in whichever tick it happens (IdleTicksAllocateNothing once failed with 6,584 bytes). Firmware.Tests.csproj turns
    /// it off; workstation GC then runs in Batch latency mode.
    /// </summary>
    [Fact]
    public void NoGcRunsInTheBackgroundOfAMeasurement() => Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);

    [Fact]
    public void IdleTicksAllocateNothing()
    {
        var (pile, _) = Pile();
        Assert.Equal(0, AllocatedOver(pile));
    }

    [Fact]
    public void ChargingTicksAllocateNothing()
    {
        var (pile, events) = Pile();
        Do(pile, 0, "plug 32A");
        Do(pile, 1000, "ev ready");
        pile.AdvanceTo(10_000);
        Assert.True(pile.Pile.ContactorClosed);
        var before = events.Events;
        Assert.Equal(0, AllocatedOver(pile));
        Assert.True(pile.Pile.ContactorClosed);
        Assert.True(events.Events > before, "the measured minute includes checkpoints written to the journal");
    }

    [Theory]
    [InlineData("limit")]
    [InlineData("solar")]
    public void ChargingUnderASiteMeterAllocatesNothing(string mode)
    {
        var (pile, _) = Pile("site.mode=" + mode, "site.solar.startS=0");
        Do(pile, 0, "site pv 9000W");
        Do(pile, 0, "site load 3A");
        Do(pile, 0, "plug 32A");
        Do(pile, 1000, "ev ready");
        pile.AdvanceTo(10_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(0, AllocatedOver(pile));
        Assert.True(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void DeratedChargingTicksAllocateNothing()
    {
        var (pile, _) = Pile();
        Do(pile, 0, "plug 32A");
        Do(pile, 1000, "ev ready");
        Do(pile, 10_000, "temp 66C");
        Do(pile, 10_010, "limit 20A");
        Assert.Equal(0, AllocatedOver(pile));
        Assert.Equal(10_000, pile.Pile.AdvertisedMa); // min(32 A, 20 A limit) halved at 66 C
    }

    private sealed class Tap : Sim.Link.IBrokerTap
    {
        public int Messages;
        public void Received(Sim.Link.SimMessage message) => Messages++;
    }

    /// <summary>
    /// The network work in steady state: telemetry every 10 s, status on every change (the car pausing and resuming),
    /// fault events through the outbox (the storage thread reading and encoding them, the network thread publishing and
    /// releasing on PUBACK, the cursor saved), the link's statistics: nothing allocated.
    /// </summary>
    [Fact]
    public void PublishingTelemetryStatusAndOutboxEventsAllocatesNothing()
    {
        var config = new PileConfig();
        config.SetAssignment("telemetry.chargingIntervalS=10");
        var pile = new SimulatedPile(config, new CountingWriter());
        var tap = new Tap();
        pile.Link.Broker.Tap = tap;
        pile.Start();
        Do(pile, 0, "plug 32A");
        Do(pile, 1000, "ev ready");
        List<Sim.Scenarios.ScenarioStep> PauseAndOverheat(long at) => new[]
        {
            (at, "ev pause"), (at + 5_000, "ev ready"), (at + 10_000, "temp connector 95C"), (at + 20_000, "temp connector 25C"),
        }.Select(s => ScenarioParser.ParseCommand(s.Item2, s.Item1, out _)!).ToList();
        void Run(List<Sim.Scenarios.ScenarioStep> steps)
        {
            foreach (var step in steps)
            {
                pile.AdvanceTo(step.TimeMs - 1);
                pile.Apply(step);
            }
        }
        Run(PauseAndOverheat(10_000)); // warm-up: every path once
        pile.AdvanceTo(100_000);
        var measured = PauseAndOverheat(110_000);
        var messages = tap.Messages;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(measured);
        pile.AdvanceTo(170_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(tap.Messages - messages >= 10, $"the measured minute published {tap.Messages - messages} messages");
        Assert.Equal(0, pile.Runtime.Outbox.Pending);
    }

    [Fact]
    public void ChargingTicksAfterCommandsAllocateNothing()
    {
        var (pile, _) = Pile();
        Do(pile, 0, "clock 2025-11-24T02:00:00Z");
        Do(pile, 10, "plug 32A");
        Do(pile, 1000, "ev ready");
        Do(pile, 5000, "cmd {\"v\":1,\"id\":\"a\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"slots\":[" +
            string.Join(",", Enumerable.Repeat(2, 48)) + "]}");
        Do(pile, 5100, "cmd {\"v\":1,\"id\":\"b\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":20,\"durationS\":3600}");
        pile.AdvanceTo(10_000);
        Assert.Equal(1, pile.Runtime.Commands.Tariff.Version); // the band of each reading is followed every tick
        Assert.Equal(0, AllocatedOver(pile));
        Assert.Equal(20_000, pile.Pile.AdvertisedMa);
    }
}
