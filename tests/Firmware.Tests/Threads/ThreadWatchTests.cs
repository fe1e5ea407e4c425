using ChargeController.Firmware.Supervision;
using ChargeController.Runtime;
using Xunit;

namespace ChargeController.Tests.Threads;

/// <summary>Stalls are counted in the supervisor's own looks: a runtime that stood still as a whole stalls nobody.</summary>
public class ThreadWatchTests
{
    [Fact]
    public void AWholeRuntimeStandingStillIsNoThreadsStallButAStoppedThreadStillIs()
    {
        var watch = new ThreadWatch(2);
        var storage = watch.Register(ThreadNames.Storage, 500);
        Assert.Equal(-1, watch.Check(0, out _));
        watch.Beat(storage);
        Assert.Equal(-1, watch.Check(10, out _));
        Assert.Equal(-1, watch.Check(3_000, out _)); // nothing ran for 3 s, the supervisor neither: 50 ms of stall
        long nowMs = 3_000;
        int stalledMs;
        while (watch.Check(nowMs += 10, out stalledMs) < 0)
            Assert.True(nowMs < 3_500, "a thread that stopped is still found");
        Assert.Equal(3_460, nowMs); // 50 ms for the freeze, then 10 ms a look past the 500 ms limit
        Assert.Equal(510, stalledMs);
    }
}
