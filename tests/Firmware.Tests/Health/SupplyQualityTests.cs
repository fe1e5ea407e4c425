using ChargeController.Runtime.Health;
using Xunit;

namespace ChargeController.Tests.Health;

public class SupplyQualityTests
{
    /// <summary>Idle readings at <paramref name="noLoadMv"/>, then a session whose steady part reads <paramref name="loadedMv"/> at <paramref name="amps"/>.</summary>
    private static long Session(SupplyQuality supply, long nowMs, int noLoadMv, int loadedMv, int amps)
    {
        for (var i = 0; i < 20; i++, nowMs += 10000)
            supply.Reading(noLoadMv, 0, false, false, nowMs);
        for (var i = 0; i < 120; i++, nowMs += 1000)
            supply.Reading(loadedMv, amps * 1000, true, true, nowMs);
        supply.SessionEnded();
        return nowMs;
    }

    [Fact]
    public void SagsAndSwellsAreCountedWithTheirDurations()
    {
        var rig = new HealthRig();
        var supply = new SupplyQuality(rig.Figures, rig.Settings, rig);
        supply.Reading(220000, 0, false, false, 0);
        supply.Reading(197000, 0, false, false, 1000); // below 198 V: a sag
        supply.Reading(190000, 0, false, false, 2000);
        supply.Reading(198000, 0, false, false, 4000); // at the limit: over
        supply.Reading(235500, 0, false, false, 5000); // above 235.4 V: a swell
        supply.Reading(235400, 0, false, false, 6000);
        Assert.Equal(1, rig.Figures[HealthFigures.SupplySags]);
        Assert.Equal(3000, rig.Figures[HealthFigures.SupplySagMs]);
        Assert.Equal(1, rig.Figures[HealthFigures.SupplySwells]);
        Assert.Equal(1000, rig.Figures[HealthFigures.SupplySwellMs]);
    }

    [Fact]
    public void TheFeederImpedanceIsTheDropOverTheCurrent()
    {
        var rig = new HealthRig();
        var supply = new SupplyQuality(rig.Figures, rig.Settings, rig);
        Session(supply, 0, 230000, 223600, 32); // 6.4 V at 32 A: 200 milliohm
        Assert.Equal(200, rig.Figures[HealthFigures.SupplyFeederMilliOhm]);
        Assert.Equal(1, rig.Figures[HealthFigures.SupplyFeederSamples]);
        Assert.Equal(230000 - 6400, supply.RatedCurrentMv);
    }

    [Fact]
    public void AFeederThatWouldLeaveTheLowLimitAtTheRatedCurrentIsWarnedAfterAFewSessions()
    {
        var rig = new HealthRig();
        var supply = new SupplyQuality(rig.Figures, rig.Settings, rig);
        long now = 0;
        // 220 V at no load, 16 A draws 11 V: 687 milliohm, 22 V at 32 A: 198 V is the limit (-10 %), 197.9 V is below.
        for (var i = 0; i < SupplyQuality.FeederSessionsToJudge - 1; i++)
            now = Session(supply, now, 220000, 208950, 16);
        Assert.Empty(rig.Warnings);
        now = Session(supply, now, 220000, 208950, 16);
        Assert.Single(rig.Warnings);
        Assert.Equal(HealthWarnings.FeederDrop, rig.Warnings[0].Warning);
        Assert.Equal(198000, rig.Warnings[0].Threshold);
        Assert.True(rig.Warnings[0].Value < 198000);
    }

    [Fact]
    public void ASoundFeederIsNotWarned()
    {
        var rig = new HealthRig();
        var supply = new SupplyQuality(rig.Figures, rig.Settings, rig);
        long now = 0;
        for (var i = 0; i < 50; i++)
            now = Session(supply, now, 220000, 210000, 16); // 625 milliohm: 200 V at 32 A
        Assert.Empty(rig.Warnings);
    }

    [Fact]
    public void ANoLoadVoltageAboveTheHighLimitIsWarned()
    {
        var rig = new HealthRig();
        var supply = new SupplyQuality(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < 100; i++)
            supply.Reading(235000, 0, false, false, i * 10000L);
        Assert.Empty(rig.Warnings);
        for (var i = 0; i < 100 && rig.Warnings.Count == 0; i++)
            supply.Reading(237000, 0, false, false, 1000000 + i * 10000L);
        Assert.Equal(HealthWarnings.SupplyHigh, rig.Warnings[0].Warning);
        Assert.Equal(235400, rig.Warnings[0].Threshold);
    }
}
