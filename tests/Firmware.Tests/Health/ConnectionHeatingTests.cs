using ChargeController.Runtime.Health;
using Xunit;

namespace ChargeController.Tests.Health;

public class ConnectionHeatingTests
{
    private const long Settled = 30 * 60000L;

    /// <summary>One session: an hour of steady charging at <paramref name="amps"/> with the connector <paramref name="riseDeciC"/> over the enclosure.</summary>
    private static bool Session(ConnectionHeating heating, int amps, int riseDeciC, int readings = 600)
    {
        for (var i = 0; i < readings; i++)
            heating.Sample(Settled + i * 1000L, amps * 1000, 250 + riseDeciC, 250);
        return heating.SessionEnded();
    }

    [Fact]
    public void TheCoefficientIsTheRiseOverTheCurrentSquared()
    {
        var rig = new HealthRig();
        var heating = new ConnectionHeating(rig.Figures, rig.Settings, rig);
        Assert.True(Session(heating, 32, 200)); // 20 K at 32 A: 20 / 1024 K/A^2
        Assert.Equal(19531, rig.Figures[HealthFigures.HeatLastUkPerA2]);
        Assert.Equal(19531, rig.Figures[HealthFigures.HeatBaselineUkPerA2]);
        Assert.Equal(1, rig.Figures[HealthFigures.HeatBaselineSessions]);
    }

    [Fact]
    public void OnlyTheSteadyPartAtEnoughCurrentCounts()
    {
        var rig = new HealthRig();
        var heating = new ConnectionHeating(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < 600; i++)
            heating.Sample(i * 1000L, 32000, 900, 250); // the first minutes: still warming up
        for (var i = 0; i < 600; i++)
            heating.Sample(Settled + i * 1000L, 8000, 900, 250); // below health.heatMinCurrentA
        Assert.False(heating.SessionEnded());
        Assert.Equal(0, rig.Figures[HealthFigures.HeatBaselineSessions]);
        Assert.False(Session(heating, 32, 200, ConnectionHeating.MinSamples - 1)); // too short a steady part
    }

    [Fact]
    public void TheBaselineIsTheFirstSessionsAndTheTrendIsJudgedAgainstIt()
    {
        var rig = new HealthRig();
        var heating = new ConnectionHeating(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < rig.Settings.HeatBaselineSessions; i++)
            Assert.True(Session(heating, 32, 200));
        Assert.False(Session(heating, 32, 200)); // learnt: later sessions only move the trend
        Assert.Empty(rig.Warnings);
        var baseline = rig.Figures[HealthFigures.HeatBaselineUkPerA2];
        // A terminal loosening: each session heats more; the warning comes at 150 %, the derating at 200 %.
        var rise = 200;
        while (!rig.Warned(HealthWarnings.HeatRise))
        {
            rise += 10;
            Session(heating, 32, rise);
            Assert.False(heating.Derated);
        }
        var (_, value, threshold) = rig.Warnings[0];
        Assert.Equal(baseline * 150 / 100, threshold);
        Assert.True(value >= threshold && value < threshold + baseline / 10, $"warned at {value}, threshold {threshold}");
        while (!heating.Derated)
        {
            rise += 10;
            Session(heating, 32, rise);
        }
        Assert.Equal(HealthWarnings.HeatDerate, rig.Warnings[1].Warning);
        Assert.Equal(baseline * 2, rig.Warnings[1].Threshold);
        Assert.True(rig.Warnings[1].Value < rig.Warnings[1].Threshold + baseline / 10, $"derated at {rig.Warnings[1].Value}");
        Assert.Equal(2, rig.Warnings.Count);
    }

    [Fact]
    public void OneOddSessionDoesNotWarn()
    {
        var rig = new HealthRig();
        var heating = new ConnectionHeating(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < rig.Settings.HeatBaselineSessions; i++)
            Session(heating, 32, 200);
        Session(heating, 32, 320); // 160 % once (a hot plug from the vehicle's side, a sensor glitch)
        Assert.Empty(rig.Warnings);
    }
}
