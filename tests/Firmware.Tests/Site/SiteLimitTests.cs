using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Site;

/// <summary>
/// Limit mode judged from what the simulated site meter measured (the trace's site lines) and what the pilot offered:
/// a 40 A feeder shared by a household and a 32 A pile.
/// </summary>
public class SiteLimitTests
{
    private const int LimitMa = 40_000;
    /// <summary>The vehicle's response time the site may stay over its limit after a step (GB/T 18487.1: 5 s).</summary>
    private const long ResponseMs = 5_000;

    private static PileHarness Limited(params string[] more) =>
        new(new[] { "site.mode=limit", "site.maxImportA=40" }.Concat(more).ToArray());

    /// <summary>How long each stretch of site current over <paramref name="limitMa"/> on any phase lasted.</summary>
    private static List<(long FromMs, long ForMs)> OverStretches(PileHarness pile, int limitMa, long endMs)
    {
        var stretches = new List<(long, long)>();
        long overFrom = -1;
        foreach (var (time, phases) in pile.Recorder.Site)
        {
            var over = phases.Max() > limitMa;
            if (over && overFrom < 0)
                overFrom = time;
            else if (!over && overFrom >= 0)
            {
                stretches.Add((overFrom, time - overFrom));
                overFrom = -1;
            }
        }
        if (overFrom >= 0)
            stretches.Add((overFrom, endMs - overFrom));
        return stretches;
    }

    [Fact]
    public void AHouseholdDayStaysUnderTheLimitButForTheVehiclesResponseAndUsesTheHeadroom()
    {
        var random = new Random(25);
        var pile = Limited("site.pauseS=10").At(0, "plug 32A").At(1000, "ev ready");
        var time = 2_000L;
        var checkedSteps = 0;
        var loads = new List<(long TimeMs, int LoadA)>();
        for (var step = 0; step < 60; step++)
        {
            var loadA = random.Next(0, 48); // a kettle, a cooker, a pump: now and then more than the feeder alone
            pile.At(time, $"site load {loadA}A");
            loads.Add((time, loadA));
            // Settled: a pause (10 s) and the rise at 1 A a second (26 s from 6 A to 32 A) are over.
            pile.RunTo(time + 44_000);
            var headroomMa = LimitMa - loadA * 1000;
            if (headroomMa >= PilotDuty.MinimumCurrentMa)
            {
                var expectedMa = Math.Min(32_000, headroomMa);
                Assert.InRange(pile.Pile.AdvertisedMa, expectedMa - 1000, expectedMa); // the duty's 1 A steps
                checkedSteps++;
            }
            else
                Assert.Equal(0, pile.Pile.AdvertisedMa);
            time += 45_000;
        }
        Assert.True(checkedSteps > 30, "most steps leave the pile headroom");
        var stretches = OverStretches(pile, LimitMa, pile.NowMs);
        Assert.NotEmpty(stretches); // the household alone was over at times, or the vehicle had to follow a cut
        foreach (var (from, length) in stretches)
        {
            var householdAloneOver = loads.Last(l => l.TimeMs <= from).LoadA * 1000 > LimitMa;
            if (!householdAloneOver)
                Assert.True(length <= ResponseMs, $"over the limit for {length} ms from {from} ms");
        }
    }

    [Fact]
    public void TheWorstPhaseDecides()
    {
        var pile = Limited("pile.phases=3", "meter.profile=dtsu666", "site.meter.profile=dtsu666")
            .At(0, "site load 20A").At(0, "plug 32A").At(500, "ev draw 32A 3p").At(1000, "ev ready").RunTo(20_000);
        Assert.True(pile.Pile.ContactorClosed);
        // The house draws 20 A on L1 only: the pile's three phases may take 20 A each, not the 40 A of L2 and L3.
        Assert.InRange(pile.Pile.AdvertisedMa, 19_000, 20_000);
        Assert.True(pile.Recorder.Site.Last().PhaseMa[0] <= LimitMa);
    }

    [Fact]
    public void ACutAppliesAtOnceARiseAtOneAmpereASecond()
    {
        var pile = Limited().At(0, "site load 5A").At(0, "plug 32A").At(1000, "ev ready").RunTo(20_000);
        Assert.InRange(pile.Pile.AdvertisedMa, 31_000, 32_000);
        pile.At(30_000, "site load 25A").RunTo(31_500);
        Assert.InRange(pile.Pile.AdvertisedMa, 14_000, 15_000); // within the next poll
        pile.At(40_000, "site load 5A").RunTo(80_000);
        var rises = pile.Of(EventKind.Pilot).Where(e => e.TimeMs >= 40_000 && e.Code == (int)PilotMode.Pwm).ToList();
        Assert.True(rises.Count >= 10, "the offer climbs back in steps");
        for (var i = 1; i < rises.Count; i++)
        {
            var riseMa = rises[i].Value2 - rises[i - 1].Value2;
            Assert.True(riseMa <= 1000 * Math.Max(1, (rises[i].TimeMs - rises[i - 1].TimeMs) / 1000),
                $"rose {riseMa} mA at {rises[i].TimeMs} ms");
        }
        Assert.InRange(pile.Pile.AdvertisedMa, 31_000, 32_000);
    }

    [Fact]
    public void ASiteStillOverAfterTheResponseTimePausesTheChargeAndRetriesAfterThePause()
    {
        var pile = Limited("site.pauseS=30").At(0, "plug 32A").At(1000, "ev ready").At(5_000, "ev disobey")
            .At(10_000, "site load 20A").RunTo(40_000);
        var off = pile.Of(EventKind.Pilot).First(e => e.TimeMs > 10_000 && e.Code == (int)PilotMode.Off).TimeMs;
        Assert.InRange(off, 10_000 + ResponseMs, 10_000 + ResponseMs + 1_500); // the disobedient vehicle kept 32 A
        pile.At(40_000, "ev obey").RunTo(100_000);
        var back = pile.Of(EventKind.Pilot).First(e => e.TimeMs > off && e.Code == (int)PilotMode.Pwm).TimeMs;
        Assert.True(back >= off + 30_000, $"PWM again at {back} ms, paused at {off} ms");
    }

    [Fact]
    public void ALostSiteMeterFallsBackToLostAWithAWarningUntilItAnswers()
    {
        var pile = Limited("site.lostA=8").At(0, "plug 32A").At(1000, "ev ready").RunTo(20_000);
        Assert.Empty(pile.Faults(Fault.SiteMeterLost));
        pile.At(20_000, "site meter offline").RunTo(30_000);
        var raised = pile.Faults(Fault.SiteMeterLost).Single(e => e.Flag);
        Assert.InRange(raised.TimeMs, 20_000 + 4_000, 20_000 + 6_500); // 5 s after the last reading, polled each second
        Assert.Equal(8_000, pile.Pile.AdvertisedMa);
        Assert.True(pile.Pile.ContactorClosed, "a warning: the charge goes on within site.lostA");
        pile.At(40_000, "site meter online").RunTo(80_000);
        Assert.Contains(pile.Faults(Fault.SiteMeterLost), e => !e.Flag && e.TimeMs > 40_000);
        Assert.InRange(pile.Pile.AdvertisedMa, 31_000, 32_000);
    }

    [Fact]
    public void ASiteMeterAnsweringGarbageIsLostAtOnce()
    {
        var pile = Limited("site.lostA=0").At(0, "plug 32A").At(1000, "ev ready").RunTo(20_000);
        pile.At(20_000, "site meter garbage").RunTo(22_000);
        Assert.Contains(pile.Faults(Fault.SiteMeterLost), e => e.Flag && e.TimeMs <= 21_100);
        Assert.Equal(0, pile.Pile.AdvertisedMa); // site.lostA=0: the charge pauses
    }

    [Fact]
    public void ALimitedSiteWithAnArrayReportsTheSolarShareOfEachSession()
    {
        // 10 A from the array (2200 W at 220 V), 3 A for the house: 7 A of the pile's 32 A would have gone to the feeder.
        var pile = Limited().At(0, "site load 3A").At(0, "site pv 2200W").At(0, "plug 32A").At(1000, "ev ready").RunTo(600_000);
        var (solarWh, energyWh) = SiteSolarTests.SolarShare(pile);
        Assert.InRange(solarWh * 32, energyWh * 7 - 32 * 20, energyWh * 7 + 32 * 20);
    }

    [Fact]
    public void WhileTheSiteMeterIsLostThePilesEnergyCountsAsImported()
    {
        // The array exports more than the pile draws: all of its energy is solar, but for the minutes nobody could tell.
        var pile = Limited("site.lostA=32").At(0, "site pv 8800W").At(0, "plug 32A").At(1000, "ev ready")
            .At(300_000, "site meter offline").At(600_000, "site meter online").RunTo(900_000).At(901_000, "unplug").RunTo(910_000);
        var end = pile.Of(EventKind.Session).Single(e => e.Code == EventRing.SessionEnd);
        var energyWh = end.Long2 - end.Long1;
        Assert.True(end.HasSolar);
        // Charging from 1 s to 901 s; the 300 s from the last reading to the first after the loss count as imported
        // (but the 5 s until the meter is judged lost, which still count the last reading's share).
        Assert.InRange(end.SolarWh, energyWh * 595 / 900 - 20, energyWh * 610 / 900 + 20);
    }

    [Fact]
    public void ASessionAPowerCutInterruptedReportsNoSolarShare()
    {
        // Its solar energy before the cut was in RAM only: the end after the reboot says nothing rather than too little.
        var pile = Limited().At(0, "site pv 8800W").At(0, "plug 32A").At(1000, "ev ready").At(60_000, "power cut")
            .At(61_000, "power restore").RunTo(120_000).At(121_000, "unplug").RunTo(130_000);
        var ends = pile.Of(EventKind.Session).Where(e => e.Code == EventRing.SessionEnd).ToList();
        Assert.NotEmpty(ends);
        Assert.False(ends[0].HasSolar);
    }

    [Fact]
    public void TheSiteMeterCannotShareThePilesAddress()
    {
        var config = new PileConfig();
        Assert.Null(config.SetConsistent("site.mode=limit"));
        Assert.Contains("must differ from meter.address", config.SetConsistent("site.meter.address=1"));
        Assert.Contains("three-phase site meter", config.SetConsistent("pile.phases=3"));
    }

    [Fact]
    public void SwappedMeterAddressesTripThePileAndLatchUntilATechnicianLooks()
    {
        // The technician set each meter to the other's address: the pile's poller reads the site (the house's 10 A on
        // top of the vehicle's, and with the contactor open), the site's poller reads the pile's meter.
        var pile = Limited().At(0, "site load 10A").At(0, "site meter swap").At(0, "plug 32A").At(1000, "ev ready").RunTo(120_000);
        var trip = pile.Faults(Fault.OverCurrent).First(e => e.Flag).TimeMs;
        Assert.True(trip <= 1_300 + 2 * ResponseMs, $"over-current tripped at {trip} ms");
        Assert.Contains(pile.Faults(Fault.ContactorCurrentWhileOpen), e => e.Flag);
        Assert.DoesNotContain(pile.Snapshots, s => s.TimeMs > trip + 100 && s.Conducting);
        // The diagnosis: not a welded contactor but two meters at each other's address.
        var swapped = pile.Faults(Fault.SiteMetersSwapped).First(e => e.Flag).TimeMs;
        Assert.InRange(swapped, trip, trip + 10_000);
        pile.At(120_000, "console site").RunTo(121_000);
        Assert.Contains("meter.address and site.meter.address swapped?", string.Join("\n", pile.Recorder.ConsoleLines));
        Assert.Contains("swapped? Probe both addresses", FaultPolicies.AdviceOf(Fault.SiteMetersSwapped));
    }

    [Fact]
    public void AHouseAndAnIdlePileOnTheirOwnAddressesAreNoSwap()
    {
        // A house drawing 10 A, an array exporting, a pile idle and then charging: the pile's meter reads nothing while
        // the contactor is open, so nothing looks swapped.
        var pile = Limited().At(0, "site load 10A").At(0, "plug 32A").At(30_000, "site pv 4400W").At(60_000, "ev ready")
            .At(120_000, "unplug").RunTo(180_000);
        Assert.Empty(pile.Faults(Fault.SiteMetersSwapped));
        Assert.Empty(pile.Faults(Fault.ContactorCurrentWhileOpen));
    }

    [Fact]
    public void AWeldedContactorIsNoSwapTheSiteMeterSeesItsCurrentToo()
    {
        // The vehicle keeps drawing through welded contacts after the pile stops: the pile's meter reads current while
        // the contactor is open, but so does the site meter (the house's 10 A and the vehicle's).
        var pile = Limited().At(0, "site load 10A").At(0, "plug 32A").At(1000, "ev ready").At(5_000, "ev disobey")
            .At(20_000, "contactor weld").At(21_000, "stop").RunTo(60_000);
        Assert.Contains(pile.Faults(Fault.ContactorWelded).Concat(pile.Faults(Fault.ContactorCurrentWhileOpen)), e => e.Flag);
        Assert.Empty(pile.Faults(Fault.SiteMetersSwapped));
    }

    [Fact]
    public void AnAddressSwapFoundBeforeTheFirstChargeClearsOnceTheAddressesAreRight()
    {
        var pile = Limited().At(0, "site load 10A").At(0, "site meter swap").RunTo(20_000);
        Assert.Contains(pile.Faults(Fault.SiteMetersSwapped), e => e.Flag);
        pile.At(20_000, "site meter online").RunTo(40_000); // the technician set the addresses right
        Assert.Contains(pile.Faults(Fault.SiteMetersSwapped), e => !e.Flag && e.TimeMs > 20_000);
    }

    [Fact]
    public void TheConsoleSaysWhyThePileOffersWhatItDoes()
    {
        var pile = Limited().At(0, "site load 15A").At(0, "plug 32A").At(1000, "ev ready").RunTo(20_000).At(20_000, "console site").RunTo(21_000);
        var reply = string.Join("\n", pile.Recorder.ConsoleLines);
        Assert.Matches(@"mode\s+limit", reply);
        Assert.Matches(@"siteL1Ma\s+39\d\d\d", reply);          // the house's 15 A and the pile's 25 A
        Assert.Matches(@"headroomMa\s+25000", reply);
        Assert.Matches(@"reason\s+headroom", reply);
        Assert.Contains("the site limit minus what the rest of the site draws", reply);
    }

    [Fact]
    public void TelemetryCarriesTheSiteFigures()
    {
        var pile = Limited().At(0, "site load 15A").At(0, "plug 32A").At(1000, "ev ready").RunTo(20_000)
            .At(20_000, "cmd {\"v\":1,\"id\":\"t1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}").RunTo(21_000);
        var telemetry = pile.Recorder.Publishes.Last(p => p.Topic.EndsWith("/telemetry")).Payload;
        Assert.Contains("\"site\":{\"mode\":\"limit\",\"currentA\":[39.", telemetry);
        Assert.Contains("\"headroomA\":25.0,\"capA\":25.0,\"reason\":\"headroom\"}", telemetry);
    }
}
