using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Threads;

/// <summary>
/// Every thread is supervised (docs/supervision.md, Every thread): an exception in a thread's work or a thread that stops
/// beating is seen by the supervisor thread, which forces the outputs safe, names the thread in its watchdog event and
/// reboots with the watchdog marker, so a dead storage thread never quietly leaves the pile refusing sessions.
/// </summary>
public class ThreadSupervisionTests
{
    [Fact]
    public void AThreadThatStopsBeatingIsFoundOnceItsLimitHasPassed()
    {
        var watch = new ThreadWatch(2);
        var control = watch.Register("control", 500);
        var meter = watch.Register("meter", 30_000);
        watch.Beat(control);
        watch.Beat(meter);
        Assert.Equal(-1, watch.Check(0, out _));
        for (var nowMs = 10; nowMs <= 30_000; nowMs += 10)
        {
            watch.Beat(control);
            Assert.Equal(-1, watch.Check(nowMs, out _));
        }
        watch.Beat(control);
        Assert.Equal(meter, watch.Check(30_010, out var stalledMs));
        Assert.Equal(30_010, stalledMs);
        Assert.Equal("meter", watch.NameOf(meter));
    }

    [Fact]
    public void AThreadWhoseWorkThrewIsFoundAtOnce()
    {
        var watch = new ThreadWatch(1);
        var storage = watch.Register("storage", 60_000);
        Assert.Equal(-1, watch.Check(0, out _));
        watch.Fail(storage);
        Assert.Equal(storage, watch.Check(10, out _));
    }

    [Fact]
    public void AnExceptionOnTheStorageThreadForcesTheOutputsSafeAndRebootsNamingIt()
    {
        var board = new SimBoard();
        var store = new SimFileStore();
        var outputs = new CountedOutputs();
        var runtime = new PileRuntime(new PileConfig(), board.Hardware, store, null, outputs, new ThrowingConsumer());
        runtime.Boot();
        board.Contactor.Command(true); // as if charging: the supervisor must open it
        var threads = new RuntimeThreads(runtime, board.Clock);
        threads.Start();
        try
        {
            Assert.True(SpinWait.SpinUntil(() => outputs.Reboots > 0, 10_000), "the supervisor rebooted");
        }
        finally
        {
            threads.Stop();
        }
        Assert.False(board.Contactor.FeedbackClosed);
        Assert.Equal(PilotMode.StateF, board.Pilot.Mode);
        Assert.True(runtime.Supervisor.Events.TryRead(out var e));
        Assert.Equal(EventKind.Watchdog, e.Kind);
        Assert.Equal("storage", e.Text);

        runtime.Boot(); // the next run knows why, and which thread
        Assert.Equal(BootReason.Watchdog, runtime.LastBoot.Reason);
        Assert.Equal("storage", runtime.LastBoot.WatchdogThread);
        Assert.True(runtime.Events.TryRead(out var boot));
        Assert.Equal((EventKind.Boot, "storage"), (boot.Kind, boot.Text));
    }

    /// <summary>A downstream consumer with a bug: the storage thread's work throws on the first event.</summary>
    private sealed class ThrowingConsumer : IEventConsumer
    {
        public void Write(PileEvent e) => throw new InvalidOperationException("a bug downstream");
    }

    private sealed class CountedOutputs : ISupervisionOutputs
    {
        private int _reboots;
        public int Reboots => Volatile.Read(ref _reboots);
        public void KickWatchdog() { }
        public void Reboot() => Interlocked.Increment(ref _reboots);
    }
}
