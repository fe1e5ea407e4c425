using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Runtime.Stress;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// The runtime on real threads (<see cref="RuntimeThreads"/>, as on the device) against a hostile board: a flash that
/// takes 50-500 ms per write, a meter that answers late or not at all, random delays on the meter, storage and
/// supervisor threads. A vehicle is plugged, charges, and is cut off by each fault the standard wants opened within
/// 100 ms (and by an unplug); the opening is measured on the Stopwatch from the moment the fault appears on the board
/// to the moment the coil is commanded open. Afterwards every session and fault is in the journal.
/// Fixed seeds; the timing bound is the assertion, the worst latency is printed (docs/performance.md records it).
/// </summary>
public class ThreadedStressTests
{
    private const int Seed = 9;
    private const int OpenWithinMs = 100;

    private readonly ITestOutputHelper _output;

    public ThreadedStressTests(ITestOutputHelper output) => _output = output;

    /// <summary>A cut-off: how it appears on the board and goes again, as scenario verbs too (for the JIT warm-up).</summary>
    private sealed record Cut(string Verb, string RestoreVerb, Fault? Fault, Action<Board> Inject, Action<Board> Remove);

    private sealed record Board(SimVehicle Vehicle, SimPilotLine Pilot, SimResidualCurrentDevice Rcd, SimSensors Sensors, object World);

    private static readonly Cut[] Cuts =
    {
        new("rcd ac 30mA", "rcd clear", Fault.ResidualCurrentAc, b => b.Rcd.AcResidualMa = 30, b => b.Rcd.AcResidualMa = 0),
        new("estop press", "estop release", Fault.EmergencyStop, b => b.Sensors.Pressed = true, b => b.Sensors.Pressed = false),
        new("cp short", "cp restore", Fault.PilotShort, b => b.Pilot.Shorted = true, b => b.Pilot.Restore()),
        new("unplug", "unplug", null, b => { lock (b.World) b.Vehicle.Unplug(); }, _ => { }),
    };

    /// <summary>
    /// Pilot faults retry after 1 s: with 0 s a CP short oscillates (the fault clears the tick the pile drives state F,
    /// before the pilot reading has left E), which is a finding of its own, not this test's subject. A weak feeder's
    /// under-voltage only warns: it is the durable write that keeps storage busy when each cut comes.
    /// </summary>
    private static readonly string[] Settings =
    {
        "meter.lossPolicy=continue", "meter.stopReadingWaitS=10", "fault.rcd.retries=-1", "fault.rcd.retryDelayS=0",
        "fault.pilot.retries=-1", "fault.pilot.retryDelayS=1", "fault.undervoltage.action=warn", "supply.debounceMs=20",
        "fault.voltage.retryDelayS=0",
    };

    private const int SagMv = 170_000;
    private const int NominalMv = 220_000;

    /// <summary>
    /// Every path the threaded run takes, run once on virtual time first: .NET compiles a method on its first call, on
    /// the calling thread, and the device has no JIT. What is measured is the runtime, not the JIT on a busy machine.
    /// </summary>
    private static void WarmUp()
    {
        var pile = new PileHarness(Settings);
        long t = 0;
        foreach (var cut in Cuts)
        {
            pile.At(t += 1_000, "plug 32A").At(t += 100, "ev ready").At(t += 3_000, "grid 170V").At(t += 100, cut.Verb)
                .At(t += 100, "grid 220V");
            if (cut.RestoreVerb != "unplug")
                pile.At(t += 100, cut.RestoreVerb).At(t += 100, "unplug");
            pile.RunTo(t += 2_000);
        }
    }

    [Fact]
    public void EveryRequiredOpeningIsWithin100MsAndNothingDurableIsLost()
    {
        WarmUp();
        var clock = new StopwatchClock();
        var world = new object();
        var vehicle = new SimVehicle();
        var pilot = new SimPilotLine(vehicle);
        var coil = new SimContactor();
        var rcd = new SimResidualCurrentDevice();
        var sensors = new SimSensors(vehicle);
        var contactor = new TimedContactor(coil, clock);
        var ticks = new TickProbe(sensors, clock);
        var plugLock = new SimConnectorLock();
        var hardware = new PileHardware(clock, pilot, ticks, contactor, rcd, sensors, sensors, sensors, new SimIndicator(), plugLock);
        var config = new PileConfig();
        foreach (var setting in Settings)
            Assert.Null(config.SetAssignment(setting));
        var meter = new SimMeter(MeterSetup.ProfileFrom(config), (byte)config.Get(ConfigKeys.MeterAddress));
        var store = new SimFileStore();
        var outputs = new StressOutputs(Seed);
        var consumer = new SlowConsumer(Seed + 1);
        var runtime = new PileRuntime(config, hardware, new SlowFlash(store, Seed + 2),
            new SlowModbus(new SimModbusBus(meter), world, Seed + 3), outputs, consumer, null);
        var board = new Board(vehicle, pilot, rcd, sensors, world);

        runtime.Boot();
        var threads = new RuntimeThreads(runtime, clock);
        var running = 1;
        var physics = new Thread(() =>
        {
            while (Volatile.Read(ref running) != 0)
            {
                lock (world)
                {
                    var nowMs = clock.NowMs;
                    vehicle.Step(nowMs, pilot.Mode, pilot.DutyPermille, coil.FeedbackClosed);
                    plugLock.Step(nowMs);
                    meter.Step(nowMs, sensors.VoltageMv, coil.FeedbackClosed ? vehicle.DrawMa : 0, false);
                }
                Thread.Sleep(2);
            }
        });
        physics.Start();
        threads.Start();

        var latencies = new List<(string Cut, long Ms)>();
        try
        {
            foreach (var cut in Cuts)
            {
                lock (world)
                {
                    vehicle.Plug(32);
                    vehicle.Ready = true;
                }
                Assert.True(WaitFor(() => contactor.Closed, 15_000), "the vehicle did not get to charge before: " + cut.Verb);
                _output.WriteLine($"{clock.NowMs,6} ms charging, then {cut.Verb}");
                sensors.VoltageMv = SagMv;
                Assert.True(WaitFor(() => runtime.Pile.Faults.IsRaised(Fault.UnderVoltage), 1_000), "the sag is noticed");
                Thread.Sleep(15); // storage is writing the sag's fault record now
                var injectedMs = clock.NowMs;
                cut.Inject(board);
                Assert.True(WaitFor(() => contactor.OpenedAtMs >= injectedMs, 2_000), "the contactor did not open after: " + cut.Verb);
                latencies.Add((cut.Verb, contactor.OpenedAtMs - injectedMs));
                sensors.VoltageMv = NominalMv;
                cut.Remove(board);
                lock (world)
                    vehicle.Unplug();
                Assert.True(WaitFor(() => runtime.Pile.Status == ConnectorStatus.Available, 5_000), "the pile is free again");
            }
            Assert.True(WaitFor(() => consumer.SessionEnds == Cuts.Length, 15_000), "every session's end went out");
        }
        finally
        {
            threads.Stop();
            Volatile.Write(ref running, 0);
            physics.Join();
        }
        runtime.Storage.RunOnce(clock.NowMs); // what the storage thread had not taken yet

        foreach (var (cut, ms) in latencies)
            _output.WriteLine($"{cut,-12} opened after {ms} ms");
        var worst = latencies.Max(l => l.Ms);
        _output.WriteLine($"worst opening {worst} ms; longest gap between ticks {ticks.LongestGapMs} ms; " +
                          $"telemetry dropped {runtime.Events.Dropped}; run {clock.NowMs} ms");
        Assert.All(latencies, l => Assert.InRange(l.Ms, 0, OpenWithinMs));
        Assert.Equal(0, outputs.Reboots);

        Assert.Equal(0, runtime.Events.DurableLost);
        var journal = JournalFile.Records(store, out _, out var torn);
        Assert.False(torn);
        var opens = journal.Where(r => r.Kind == JournalRecordKind.SessionOpen).Select(r => r.SessionId).ToList();
        var closes = journal.Where(r => r.Kind == JournalRecordKind.SessionClose).Select(r => r.SessionId).ToList();
        Assert.Equal(Cuts.Length, opens.Count);
        Assert.Equal(opens, closes);
        foreach (var cut in Cuts.Where(c => c.Fault != null))
            Assert.Contains(journal, r => r.Kind == JournalRecordKind.Fault && r.Code == (int)cut.Fault!.Value && r.Active);
        Assert.Equal(consumer.Events.Count(e => EventRing.IsDurable(e.Kind)), journal.Length);
    }

    private static bool WaitFor(Func<bool> condition, int timeoutMs)
    {
        var until = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > until)
                return false;
            Thread.Sleep(2);
        }
        return true;
    }
}
