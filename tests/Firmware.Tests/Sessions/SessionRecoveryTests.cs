using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Sessions;

/// <summary>
/// A session the last run left open ends with the first plausible reading after boot, and a meter that answers nonsense
/// ends a session at once: energy adds up across power cuts and reboots, and energyWh is there only when it is exact.
/// </summary>
public class SessionRecoveryTests
{
    private static bool HasLastReadingOnly(PileEvent e) => (e.Value2 & EventRing.SessionLastReadingOnly) != 0;

    private static long LastCheckpoint(PileHarness pile) => pile.Of(EventKind.Session).Last(e => e.Code == EventRing.SessionCheckpoint).Long1;

    [Fact]
    public void AfterAWatchdogRebootTheSessionEndsWithTheRegisterAsTheContactorLeftIt()
    {
        var pile = new PileHarness().Charging(70_000).At(70_000, "hang 2000ms").RunTo(75_000);
        var end = pile.SessionEnds().Single(e => e.Text == "1-1");
        Assert.Equal(StopReason.Reboot, (StopReason)end.Value);
        var start = pile.SessionStarts().Single(e => e.Text == "2-1");
        Assert.Equal(start.Long1, end.Long2); // nothing flowed between: the register at the stall is the new start
        Assert.True(end.Long2 > LastCheckpoint(pile));
    }

    [Fact]
    public void ASilentMeterAtBootIsWaitedForAsAStopReadingIs()
    {
        var pile = new PileHarness("meter.stopReadingWaitS=60").Charging(150_000).At(150_000, "power cut").At(151_000, "meter offline");
        pile.RunTo(155_000);
        var registerAtCut = pile.Sim.Meter!.ImportWh;
        pile.At(160_000, "power restore").RunTo(200_000);
        Assert.Empty(pile.SessionEnds());
        pile.At(200_000, "meter online").RunTo(202_000);
        var end = pile.SessionEnds().Single();
        Assert.Equal(registerAtCut, end.Long2);
        Assert.False(HasLastReadingOnly(end));
    }

    [Fact]
    public void WhenNoReadingComesTheSessionEndsUnmeteredWithItsCheckpointAsLastWhAndNoEnergy()
    {
        var pile = new PileHarness("meter.stopReadingWaitS=60").Charging(150_000).At(150_000, "power cut").At(151_000, "meter offline")
            .At(160_000, "power restore").RunTo(219_000);
        Assert.Empty(pile.SessionEnds());
        pile.RunTo(221_000);
        var end = pile.SessionEnds().Single();
        Assert.True(end.IsUnmetered());
        Assert.True(HasLastReadingOnly(end));
        Assert.Equal(LastCheckpoint(pile), end.Long2);
        Assert.Contains("\"lastWh\":" + LastCheckpoint(pile), pile.Recorder.Lines.Single(l => l.Contains("\"phase\":\"end\"")));
        Assert.DoesNotContain("energyWh", pile.Recorder.Lines.Single(l => l.Contains("\"phase\":\"end\"")));
    }

    [Fact]
    public void AMeterWhoseTotalFellDuringTheCutIsNoStopReading()
    {
        var pile = new PileHarness().Charging(150_000).At(150_000, "power cut").At(151_000, "meter backwards 500Wh")
            .At(160_000, "power restore").RunTo(161_000);
        var end = pile.SessionEnds().Single();
        Assert.InRange(end.TimeMs, 160_000, 160_020); // at the first reading after boot, not after meter.stopReadingWaitS
        Assert.True(end.IsUnmetered());
        Assert.True(HasLastReadingOnly(end));
        Assert.Equal(LastCheckpoint(pile), end.Long2);
    }

    [Fact]
    public void AMeterAnsweringNonsenseEndsTheSessionAsSoonAsItsStopReadingIsDue()
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging(30_000);
        pile.RunTo(35_000);
        var lastPlausible = pile.Sim.Poller!.Latest!.ImportWh;
        pile.At(35_005, "meter garbage").At(40_000, "unplug").RunTo(41_000);
        var end = pile.SessionEnds().Single();
        var opened = pile.ContactorAt(false, 40_000);
        Assert.InRange(end.TimeMs - opened, 0, 20);
        Assert.True(end.IsUnmetered());
        Assert.True(HasLastReadingOnly(end));
        Assert.Equal(lastPlausible, end.Long2);
    }

    [Fact]
    public void ASilentMeterIsStillWaitedFor()
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging(30_000).At(31_000, "meter offline").At(40_000, "unplug")
            .RunTo(100_000);
        Assert.Empty(pile.SessionEnds());
        pile.At(100_000, "meter online").RunTo(101_000);
        Assert.False(HasLastReadingOnly(pile.SessionEnds().Single()));
    }

    [Fact]
    public void ANewSessionSendsTheRecoveredOneFirstAndTheirReadingsDoNotOverlap()
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging(150_000).At(150_000, "power cut").At(151_000, "meter offline")
            .At(160_000, "power restore").RunTo(170_000);
        var ends = pile.SessionEnds().ToList();
        var recovered = Assert.Single(ends);
        Assert.True(HasLastReadingOnly(recovered));
        var next = pile.SessionStarts().Last();
        Assert.Equal("2-1", next.Text);
        Assert.True(recovered.TimeMs <= next.TimeMs);
    }

    [Fact]
    public void ARegisterFarAboveTheLastCheckpointAfterAnOutageIsNoStopReading()
    {
        var pile = new PileHarness().Charging(150_000).At(150_000, "power cut");
        pile.Sim.Meter!.JumpAhead(5_000_000_000); // 5,000 kWh more: a faulty or swapped meter
        pile.At(160_000, "power restore").RunTo(162_000);
        var end = pile.SessionEnds().Single();
        Assert.InRange(end.TimeMs, 160_000, 160_020); // at the first answer after boot: waiting will not make it right
        Assert.True(end.IsUnmetered());
        Assert.True(HasLastReadingOnly(end));
        Assert.Equal(LastCheckpoint(pile), end.Long2);
        Assert.Contains(pile.Of(EventKind.Meter), e => (MeterHealth)e.Code == MeterHealth.EnergyTooFast && e.TimeMs >= 160_000);
        var next = pile.SessionStarts().Last(); // the answer after the refused one is the meter's new baseline
        Assert.Equal("2-1", next.Text);
        Assert.True(next.Long1 > LastCheckpoint(pile) + 4_000_000_000);
    }

    [Fact]
    public void ARegisterThatGrewAsTheSessionCouldBeforeTheCutIsItsStopReading()
    {
        var pile = new PileHarness().Charging(150_000).At(150_000, "power cut").At(160_000, "power restore").RunTo(162_000);
        var end = pile.SessionEnds().Single();
        Assert.False(HasLastReadingOnly(end));
        Assert.True(end.Long2 > LastCheckpoint(pile));
    }
}
