using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Site;

/// <summary>
/// Solar mode judged from the simulated site meter and the pilot: a single-phase house with a 3 A load and a PV array,
/// 220 V, the pile taking the export plus site.solar.importA (2 A here).
/// </summary>
public class SiteSolarTests
{
    private const int ImportMa = 2_000;
    private const long ResponseMs = 5_000;
    private const long StartMs = 60_000;

    private static PileHarness Solar() =>
        new("site.mode=solar", "site.solar.importA=2", "site.solar.startS=60", "site.solar.stopS=120", "site.pauseS=10");

    /// <summary>Runs a day of PV steps and checks the two rules the mode promises; returns how many charges started.</summary>
    private static int Day(PileHarness pile, IEnumerable<(long TimeMs, int PvW)> steps)
    {
        pile.At(0, "site load 3A").At(0, "plug 32A").At(1000, "ev ready");
        foreach (var (time, pvW) in steps)
            pile.At(time, $"site pv {pvW}W");
        pile.RunTo(pile.NowMs + 200_000);
        // Import beyond the allowance while charging lasts at most the vehicle's response to a cut.
        long overFrom = -1;
        foreach (var s in pile.Snapshots)
        {
            var siteMa = pile.Recorder.Site.Last(x => x.TimeMs <= s.TimeMs).PhaseMa[0];
            var over = s.Conducting && s.DrawMa > 0 && siteMa > ImportMa;
            if (over && overFrom < 0)
                overFrom = s.TimeMs;
            if (!over)
                overFrom = -1;
            Assert.False(over && s.TimeMs - overFrom > ResponseMs, $"importing {siteMa} mA since {overFrom} ms (at {s.TimeMs} ms)");
        }
        // A charge that stopped starts again only after the export held for site.solar.startS.
        var pilot = pile.Of(EventKind.Pilot).ToList();
        var starts = 0;
        for (var i = 1; i < pilot.Count; i++)
        {
            if (pilot[i].Code != (int)PilotMode.Pwm || pilot[i - 1].Code == (int)PilotMode.Pwm)
                continue;
            starts++;
            Assert.True(pilot[i].TimeMs - pilot[i - 1].TimeMs >= StartMs, $"restarted {pilot[i].TimeMs - pilot[i - 1].TimeMs} ms after a stop");
        }
        return starts;
    }

    /// <summary>
    /// Ends the day's session (the vehicle unplugged) and checks the solar share its end reports against the simulated
    /// site's truth: of the pile's power, what the site would have exported without it, tick by tick (docs/site.md).
    /// </summary>
    /// <returns>the session's solar energy and its energy, Wh</returns>
    internal static (long SolarWh, long EnergyWh) SolarShare(PileHarness pile)
    {
        var voltageMv = pile.Board.Sensors.VoltageMv;
        pile.At(pile.NowMs + 1_000, "unplug").RunTo(pile.NowMs + 10_000);
        var end = pile.Of(EventKind.Session).Single(e => e.Code == EventRing.SessionEnd);
        Assert.True(end.HasSolar, "a pile with a site meter reports the solar share of its session");
        var energyWh = end.Long2 - end.Long1;
        double truthWattMs = 0;
        var site = 0;
        foreach (var s in pile.Snapshots.Where(s => s.Conducting))
        {
            while (site + 1 < pile.Recorder.Site.Count && pile.Recorder.Site[site + 1].TimeMs <= s.TimeMs)
                site++;
            var pileW = (double)voltageMv * s.DrawMa / 1e6;
            var siteW = (double)voltageMv * pile.Recorder.Site[site].PhaseMa.Sum() / 1e6;
            truthWattMs += Math.Clamp(pileW - Math.Max(siteW, 0), 0, pileW) * ChargeController.Firmware.Pile.TickMs;
        }
        var truthWh = truthWattMs / 3.6e6;
        Assert.InRange(end.SolarWh, 0, energyWh);
        // The pile judges from readings a second apart and its meter counts whole Wh: within 2 % of the energy.
        Assert.True(Math.Abs(end.SolarWh - truthWh) <= 0.02 * energyWh + 10,
            $"reported {end.SolarWh} Wh of {energyWh} Wh from the sun, the site's truth {truthWh:F0} Wh");
        return (end.SolarWh, energyWh);
    }

    [Fact]
    public void ASunnyDayChargesFromTheExportAndNeverImportsMoreThanAllowed()
    {
        var pile = Solar();
        var steps = new List<(long, int)>();
        for (var minute = 0; minute <= 120; minute++) // a compressed day: sunrise, noon at 9 kW, sunset
            steps.Add((2_000 + minute * 60_000L, (int)(9000 * Math.Sin(Math.PI * minute / 120))));
        var starts = Day(pile, steps);
        Assert.Equal(1, starts);
        var chargedWh = pile.Sim.Meter.ImportWh - ChargeController.Sim.Metering.SimMeter.InitialImportWh;
        Assert.True(chargedWh > 5_000, $"charged {chargedWh} Wh from the sun");
        var (solarWh, energyWh) = SolarShare(pile);
        // At most 2 A imported of the 6 A and more the vehicle takes: most of the energy came from the array.
        Assert.True(solarWh > energyWh * 3 / 4, $"{solarWh} Wh of {energyWh} Wh from the sun");
    }

    [Fact]
    public void ACloudyDayFollowsTheSunWithoutOscillating()
    {
        var random = new Random(7);
        var pile = Solar();
        var steps = new List<(long, int)>();
        var time = 2_000L;
        while (time < 3_600_000)
        {
            steps.Add((time, random.Next(0, 7000)));
            time += random.Next(10, 90) * 1000;
        }
        var starts = Day(pile, steps);
        Assert.InRange(starts, 1, 3_600_000 / StartMs);
        var (solarWh, energyWh) = SolarShare(pile);
        Assert.True(solarWh > energyWh / 2, $"{solarWh} Wh of {energyWh} Wh from the sun");
    }

    [Fact]
    public void TheOfferIsTheExportPlusTheAllowedImport()
    {
        // 11 A from the array (2420 W at 220 V), 3 A for the house: 8 A export, plus the 2 A allowed.
        var pile = Solar().At(0, "site load 3A").At(0, "site pv 2420W").At(0, "plug 32A").At(1000, "ev ready").RunTo(100_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.InRange(pile.Pile.AdvertisedMa, 9_000, 10_000);
        Assert.InRange(pile.Recorder.Site.Last().PhaseMa[0], 1_000, ImportMa);
    }

    [Fact]
    public void NoChargeStartsBeforeTheExportHeldForTheStartTime()
    {
        var pile = Solar().At(0, "site load 3A").At(0, "plug 32A").At(1000, "ev ready").At(10_000, "site pv 3000W").RunTo(69_000);
        Assert.DoesNotContain(pile.Snapshots, s => s.PilotMode == PilotMode.Pwm);
        pile.RunTo(75_000);
        Assert.Contains(pile.Snapshots, s => s.PilotMode == PilotMode.Pwm);
    }
}
