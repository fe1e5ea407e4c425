using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>
/// No protection switches itself off silently: charging without fresh plausible meter readings is reported and capped,
/// judged from the pilot the board sees.
/// </summary>
public class MeterSupervisionTests
{
    /// <summary>The current the board's PWM advertises, in whole amps rounded to nearest (duty is in permille steps).</summary>
    private static int AdvertisedA(PileHarness pile) =>
        pile.Board.Pilot.Mode == PilotMode.Pwm ? (PilotDuty.ToCurrentMa(pile.Board.Pilot.DutyPermille) + 500) / 1000 : 0;

    [Theory]
    [InlineData("meter offline")]
    [InlineData("meter garbage")]
    [InlineData("meter slave-error")]
    public void ChargingWithoutFreshReadingsIsReportedAndCappedUntilTheyReturn(string outage)
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging().At(10_000, outage).RunTo(16_000);
        var raised = pile.Faults(Fault.MeterUnsupervised).Single(e => e.Flag);
        Assert.InRange(raised.TimeMs, 13_000, 14_100); // 3 s after the last fresh reading, polled every second
        Assert.Contains(pile.Recorder.Lines, l => l.Contains("\"detail\":\"meter-unsupervised\""));
        Assert.Equal(10, AdvertisedA(pile));
        Assert.True(pile.Board.Contactor.Commanded, "under lossPolicy=continue it charges on, capped");
        pile.At(30_000, "meter online").RunTo(33_000);
        Assert.Contains(pile.Faults(Fault.MeterUnsupervised), e => !e.Flag);
        Assert.Equal(32, AdvertisedA(pile));
    }

    [Fact]
    public void TheCapIsConfigurable()
    {
        var pile = new PileHarness("meter.lossPolicy=continue", "meter.unsupervisedMaxA=16").Charging().At(10_000, "meter offline").RunTo(16_000);
        Assert.Equal(16, AdvertisedA(pile));
    }

    [Fact]
    public void AFreshlyClosedContactorGetsTimeForItsFirstReading()
    {
        var charging = new PileHarness().Charging(60_000);
        Assert.Empty(charging.Faults(Fault.MeterUnsupervised));
        // the meter falls silent just before the close: the first charging poll is given the freshness time to come
        var pile = new PileHarness("meter.lossPolicy=continue").At(0, "plug 32A").At(7_000, "meter offline").At(8_000, "ev ready").RunTo(20_000);
        var closed = pile.ContactorAt(true);
        var raised = pile.Faults(Fault.MeterUnsupervised).Single(e => e.Flag);
        Assert.InRange(raised.TimeMs - closed, Firmware.Pile.FreshReadingMs, Firmware.Pile.FreshReadingMs + 20);
    }

    [Fact]
    public void APileWithoutAMeterIsNotCapped()
    {
        var pile = new PileHarness("meter.profile=none").Charging(20_000);
        Assert.Empty(pile.Faults(Fault.MeterUnsupervised));
        Assert.Equal(32, AdvertisedA(pile));
    }
}
