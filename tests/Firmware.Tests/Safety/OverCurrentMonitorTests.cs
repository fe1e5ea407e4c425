using ChargeController.Firmware.Safety;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>Rating &lt;= 20 A: above Imax + 2 A for 5 s; above 20 A: above 1.1 x Imax for 5 s; 5 s grace after lowering.</summary>
public class OverCurrentMonitorTests
{
    [Theory]
    [InlineData(16000, 18000)]
    [InlineData(20000, 22000)]
    [InlineData(32000, 35200)]
    [InlineData(63000, 69300)]
    public void Threshold(int advertisedMa, int thresholdMa) => Assert.Equal(thresholdMa, OverCurrentMonitor.ThresholdMa(advertisedMa));

    private static long TripTime(OverCurrentMonitor monitor, int advertisedMa, int currentMa, long fromMs)
    {
        for (var t = fromMs; t < fromMs + 20_000; t += 10)
            if (monitor.Update(advertisedMa, true, currentMa, true, t))
                return t - fromMs;
        return -1;
    }

    [Theory]
    [InlineData(16000, 18001)]
    [InlineData(32000, 35201)]
    public void JustAboveThresholdTripsAfterFiveSeconds(int advertisedMa, int currentMa) =>
        Assert.Equal(5000, TripTime(new OverCurrentMonitor(5000, 5000), advertisedMa, currentMa, 0));

    [Theory]
    [InlineData(16000, 18000)]
    [InlineData(32000, 35200)]
    public void AtThresholdNeverTrips(int advertisedMa, int currentMa) =>
        Assert.Equal(-1, TripTime(new OverCurrentMonitor(5000, 5000), advertisedMa, currentMa, 0));

    [Fact]
    public void LoweringThePilotGivesTheVehicleFiveSecondsOfGrace()
    {
        var monitor = new OverCurrentMonitor(5000, 5000);
        monitor.Update(32000, true, 32000, true, 0);
        // lowered to 16 A at 10 ms; the car keeps drawing 32 A: grace until 5010 ms, then 5 s more
        Assert.Equal(10_000, TripTime(monitor, 16000, 32000, 10));
    }

    [Fact]
    public void LoweringAgainGivesNoGraceToACarAlreadyOverTheLimitInForce()
    {
        // found by the safety property (seed 46): 32 A at a 16 A pilot, then a link-down fallback lowered the pilot to
        // 6 A and the grace began again; stepping the limit down every 4 s kept a disobeying car charging for ever
        var monitor = new OverCurrentMonitor(5000, 5000);
        var tripMs = -1L;
        for (var t = 0; t < 20_000 && tripMs < 0; t += 10)
            if (monitor.Update(16000 - (int)(t / 4000) * 2000, true, 32000, true, t))
                tripMs = t;
        Assert.Equal(5000, tripMs);
    }

    [Fact]
    public void ASecondLoweringDoesNotStretchTheFirstsGrace()
    {
        // found by the safety property (seed 1994539508): 25 A against a pilot lowered 32 -> 20 A at 10 ms, then 20 -> 12 A
        // at 3 s. The 32 A limit holds for the first lowering's 5 s only; from then on 20 A (22 A with its margin) does,
        // and 25 A trips 5 s later, at 10.01 s, not 5 s after the second lowering's grace (13 s)
        var monitor = new OverCurrentMonitor(5000, 5000);
        var tripMs = -1L;
        for (var t = 0; t < 20_000 && tripMs < 0; t += 10)
            if (monitor.Update(t < 10 ? 32000 : t < 3000 ? 20000 : 12000, true, 25000, true, t))
                tripMs = t;
        Assert.Equal(10_010, tripMs);
    }

    [Fact]
    public void NoCurrentNoTrip()
    {
        var monitor = new OverCurrentMonitor(5000, 5000);
        for (var t = 0; t < 20_000; t += 10)
            Assert.False(monitor.Update(16000, true, 50000, false, t));
    }
}
