using ChargeController.Runtime.Health;
using Xunit;

namespace ChargeController.Tests.Health;

public class ContactorWearTests
{
    [Fact]
    public void AnOpeningWearsByTheSquareOfTheCurrentItBreaks()
    {
        var rig = new HealthRig();
        var wear = new ContactorWear(rig.Figures, rig.Settings, rig);
        Assert.Equal(1000, wear.WearMilliOf(32000));
        Assert.Equal(250, wear.WearMilliOf(16000));
        Assert.Equal(ContactorWear.NoLoadWearMilli, wear.WearMilliOf(0));
        wear.Opened(32000);
        wear.Opened(0);
        Assert.Equal(2, rig.Figures[HealthFigures.ContactorOpenings]);
        Assert.Equal(1, rig.Figures[HealthFigures.ContactorLoadedOpenings]);
        Assert.Equal(1000 + ContactorWear.NoLoadWearMilli, rig.Figures[HealthFigures.ContactorWearMilli]);
    }

    [Fact]
    public void ItWarnsWhenTheRatedLifeIsUsedUpToTheWarningShare()
    {
        var rig = new HealthRig();
        var wear = new ContactorWear(rig.Figures, rig.Settings, rig);
        var warnAt = rig.Settings.ContactorRatedOps * rig.Settings.ContactorWarnPercent / 100; // openings at rated current
        for (var i = 0; i < warnAt - 1; i++)
            wear.Opened(32000);
        Assert.Empty(rig.Warnings);
        wear.Opened(32000);
        Assert.Equal((HealthWarnings.ContactorWear, 800, 800), rig.Warnings[0]);
        wear.Opened(32000);
        Assert.Single(rig.Warnings);
    }

    [Fact]
    public void OpeningsAtNoCurrentTakeAHundredTimesLonger()
    {
        var rig = new HealthRig();
        var wear = new ContactorWear(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < rig.Settings.ContactorRatedOps; i++)
            wear.Opened(0); // the rated electrical life in openings, all without load
        Assert.Empty(rig.Warnings);
        Assert.Equal(10, wear.WearPermille);
    }

    [Fact]
    public void ASlowerOpeningIsWarnedOnceItsTrendPassesTheBaselinePlusTheRise()
    {
        var rig = new HealthRig();
        var wear = new ContactorWear(rig.Figures, rig.Settings, rig);
        for (var i = 0; i < ContactorWear.DelayBaselineOpenings; i++)
            wear.OpeningDelay(i % 2 == 0 ? 20 : 30);
        var baselineUs = rig.Figures[HealthFigures.ContactorDelayBaselineUs];
        Assert.InRange(baselineUs, 24900, 25000); // a running mean in whole microseconds
        for (var i = 0; i < 100; i++)
            wear.OpeningDelay(50); // 25 ms slower: under the 30 ms rise
        Assert.Empty(rig.Warnings);
        var openings = 0;
        while (rig.Warnings.Count == 0 && openings++ < 100)
            wear.OpeningDelay(70);
        Assert.True(openings > 1, "one slow opening does not warn");
        Assert.Equal(HealthWarnings.ContactorDelay, rig.Warnings[0].Warning);
        Assert.Equal((baselineUs + 30000) / 1000, rig.Warnings[0].Threshold);
    }
}
