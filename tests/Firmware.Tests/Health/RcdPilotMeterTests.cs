using ChargeController.Runtime.Health;
using Xunit;

namespace ChargeController.Tests.Health;

public class RcdHistoryTests
{
    [Fact]
    public void ATestThatPassesOnlyOnARetryIsWarned()
    {
        var rig = new HealthRig();
        var rcd = new RcdHistory(rig.Figures, rig.Settings, rig);
        rcd.TestFinished(true);
        rcd.TestFinished(true);
        Assert.Empty(rig.Warnings);
        rcd.TestFinished(false);
        Assert.Empty(rig.Warnings); // a failure is the fault's business; the retry that passes tells of ageing
        rcd.TestFinished(true);
        Assert.Equal((HealthWarnings.RcdRetry, 1, 1), rig.Warnings[0]);
        Assert.Equal(4, rig.Figures[HealthFigures.RcdTests]);
        Assert.Equal(1, rig.Figures[HealthFigures.RcdFailures]);
        Assert.Equal(1, rig.Figures[HealthFigures.RcdRetried]);
    }

    [Fact]
    public void TheRetriesADayMayNeedAreAKey()
    {
        var rig = new HealthRig();
        rig.Settings.RcdRetriesPerDay = 2;
        var rcd = new RcdHistory(rig.Figures, rig.Settings, rig);
        rcd.TestFinished(false);
        rcd.TestFinished(true);
        rcd.DayEnded();
        rcd.TestFinished(false);
        rcd.TestFinished(true);
        Assert.Empty(rig.Warnings);
        rcd.TestFinished(false);
        rcd.TestFinished(true);
        Assert.Single(rig.Warnings);
    }
}

public class PilotHealthTests
{
    [Fact]
    public void ThePlateauDriftIsWarnedAgainstTheFirstHoursBaseline()
    {
        var rig = new HealthRig();
        var pilot = new PilotHealth(rig.Figures, rig.Settings, rig, 0);
        long now = 0;
        void Minutes(int count, int mv)
        {
            for (var m = 0; m < count; m++)
                for (var t = 0; t < 6; t++, now += 10000)
                    pilot.Tick(mv, true, 0, now);
        }
        Minutes(PilotHealth.BaselineMinutes + 1, 12000);
        Assert.Equal(12000, rig.Figures[HealthFigures.PilotBaselineMv]);
        Minutes(3000, 11600); // 400 mV low: inside the 500 mV
        Assert.Empty(rig.Warnings);
        Minutes(3000, 11400);
        Assert.Equal(HealthWarnings.PilotDrift, rig.Warnings[0].Warning);
        Assert.Equal(11500, rig.Warnings[0].Threshold);
    }

    [Fact]
    public void TheLevelCountsOnlyOnThePlateau()
    {
        var rig = new HealthRig();
        var pilot = new PilotHealth(rig.Figures, rig.Settings, rig, 0);
        for (long now = 0; now < 3 * PilotHealth.HourMs; now += 10000)
            pilot.Tick(9000, false, 0, now); // state B: not the plateau
        Assert.Equal(0, rig.Figures[HealthFigures.PilotBaselineSamples]);
    }

    [Fact]
    public void RejectionsAreCountedPerHourAndWarnedAtTheKey()
    {
        var rig = new HealthRig();
        var pilot = new PilotHealth(rig.Figures, rig.Settings, rig, 0);
        for (var i = 0; i < 19; i++)
            pilot.Tick(12000, true, 1, i * 60000L);
        pilot.Tick(12000, true, 0, PilotHealth.HourMs); // the hour ends: 19 is under 20
        Assert.Empty(rig.Warnings);
        Assert.Equal(19, rig.Figures[HealthFigures.PilotRejectionsWorstHour]);
        Assert.Equal(0, rig.Figures[HealthFigures.PilotRejectionsHour]);
        for (var i = 0; i < 20; i++)
            pilot.Tick(12000, true, 1, PilotHealth.HourMs + 1 + i * 60000L);
        Assert.Equal((HealthWarnings.PilotRejections, 20, 20), rig.Warnings[0]);
        Assert.Equal(39, rig.Figures[HealthFigures.PilotRejections]);
    }
}

public class MeterLinkHealthTests
{
    [Fact]
    public void TheDaysErrorRateIsWarnedAtItsKeyOnceThereAreEnoughPolls()
    {
        var rig = new HealthRig();
        var meter = new MeterLinkHealth(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < 18; i++)
            meter.Polled(0, 1); // a cold start: 18 failures in a row
        Assert.Empty(rig.Warnings);
        Assert.Equal(18, rig.Figures[HealthFigures.MeterRetriesToday]);
        for (var i = 0; i < 341; i++)
            meter.Polled(1, 0);
        Assert.Empty(rig.Warnings); // 18 of 359: not yet enough polls to judge
        meter.Polled(1, 0);
        Assert.Equal((HealthWarnings.MeterErrors, 50, 50), rig.Warnings[0]);
        Assert.Equal(18, rig.Figures[HealthFigures.MeterErrors]);
    }

    [Fact]
    public void AFewErrorsADayAreNotWarned()
    {
        var rig = new HealthRig();
        var meter = new MeterLinkHealth(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < 8640; i++)
            meter.Polled(1, i % 25 == 0 ? 1 : 0); // 4 %
        Assert.Empty(rig.Warnings);
        Assert.Equal(1, rig.Figures[HealthFigures.MeterRetriesToday]);
    }
}
