using ChargeController.Firmware.Handoff;
using ChargeController.Runtime.Health;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Health;

/// <summary>
/// A healthy pile over a simulated year of daily sessions (virtual time, the monitor fed at the meter's pace): seasons
/// in the enclosure, a feeder whose voltage wanders, sessions at 16 and 32 A, a few stops under load, the meter's
/// occasional lost poll, the vehicle's S2 bounce, a sag a month. Not one warning, one record a day on flash, and the
/// learnt figures where the physics put them.
/// </summary>
public class HealthyYearTests
{
    private const int Days = 365;
    private const int TrueHeatUkPerA2 = 19531; // a sound connection: 20 K at 32 A
    private const int FeederMilliOhm = 250;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AYearOfDailySessionsWarnsOfNothing(int seed)
    {
        var random = new Random(seed);
        var store = new SimFileStore();
        var journal = new Journal(store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        journal.Open();
        var flash = new FlashWrites(4);
        var figures = new HealthFigures();
        var monitor = new HealthMonitor(figures, HealthSettings.From(new PileConfig()), flash, new HealthWrite(new HealthStore(store), journal), 0);
        var s = new HealthSample();
        var sequence = 0;
        var failures = 0;
        long now = 0;
        var replacesBefore = store.ReplaceCount;

        void Observe(int voltageMv, int currentMa, int enclosureDeciC, int connectorDeciC)
        {
            s.NowMs = now;
            if (random.Next(200) == 0)
                failures++; // half a percent of the polls are lost
            else
            {
                s.ReadingSequence = ++sequence;
                s.ReadingAtMs = now;
                s.VoltageMv = voltageMv;
                s.CurrentMa = currentMa;
            }
            s.MeterFailures = failures;
            s.EnclosureDeciC = enclosureDeciC;
            s.ConnectorDeciC = connectorDeciC;
            monitor.Observe(s);
            flash.Run();
            journal.Acknowledge(journal.LastSequence); // the broker took the events
        }

        for (var day = 0; day < Days; day++)
        {
            var dayStart = now;
            var season = (int)(150 * Math.Sin(2 * Math.PI * day / 365)); // +-15 C over the year
            var noLoadMv = 220000 + random.Next(-4000, 4000);
            var sessionAt = dayStart + (8 + random.Next(10)) * 3600_000L;
            // Idle until the session: +12 V on the pilot, the meter every 10 s.
            s.PilotPlateau = true;
            s.ContactorClosed = s.FeedbackClosed = false;
            s.AdvertisedMa = 0;
            for (; now < sessionAt; now += 10_000)
            {
                s.PilotHighMv = 12000 + random.Next(-40, 40);
                var sag = day % 30 == 7 && now - dayStart == 3600_000;
                Observe(sag ? 190000 : noLoadMv + random.Next(-500, 500), random.Next(0, 200), 250 + season, 250 + season);
            }
            // Plug in, the self-test passes, the contactor closes (S2 bounces once or twice).
            s.PilotPlateau = false;
            s.PilotHighMv = 9000;
            s.SelfTestsFinished++;
            s.SelfTestPassed = true;
            s.PilotRejections += random.Next(0, 3);
            s.ContactorClosed = s.FeedbackClosed = true;
            var amps = random.Next(2) == 0 ? 16 : 32;
            s.AdvertisedMa = amps * 1000;
            var sessionEnd = now + (1 + random.Next(3)) * 3600_000L;
            var enclosure = 250 + season;
            for (; now < sessionEnd; now += 1000)
            {
                var currentMa = amps * 1000 - random.Next(0, 800);
                var closedMs = now - sessionAt;
                var warm = closedMs >= 1_200_000 ? 1000 : (int)(closedMs / 1200); // the connector warms over 20 minutes
                var riseDeciC = (long)TrueHeatUkPerA2 * currentMa / 1000 * currentMa / 1000 / 100000 * warm / 1000;
                var noise = random.Next(-8, 9);
                Observe(noLoadMv - FeederMilliOhm * currentMa / 1000 + random.Next(-300, 300), currentMa,
                    enclosure + noise, enclosure + (int)riseDeciC + noise + random.Next(-5, 6));
            }
            // The vehicle stops drawing (1 in 20 sessions it is stopped under load), the contactor opens 20-30 ms later.
            var underLoad = random.Next(20) == 0;
            s.CurrentMa = underLoad ? amps * 1000 : 0;
            s.ContactorClosed = false;
            Observe(noLoadMv, s.CurrentMa, enclosure, enclosure);
            now += random.Next(2, 4) * 10;
            s.FeedbackClosed = false;
            Observe(noLoadMv, 0, enclosure, enclosure);
            // Unplug; the rest of the day is idle.
            s.PilotPlateau = true;
            for (; now < dayStart + HealthMonitor.DayMs; now += 10_000)
            {
                s.PilotHighMv = 12000 + random.Next(-40, 40);
                Observe(noLoadMv + random.Next(-500, 500), 0, 250 + season, 250 + season);
            }
        }
        Observe(220000, 0, 250, 250); // the last day ends

        Assert.Equal(0, figures[HealthFigures.WarningBits]);
        Assert.Equal(Days, figures[HealthFigures.RcdTests]);
        Assert.Equal(Days, figures[HealthFigures.ContactorOpenings]);
        Assert.InRange(figures[HealthFigures.HeatBaselineUkPerA2], TrueHeatUkPerA2 * 9 / 10, TrueHeatUkPerA2 * 11 / 10);
        Assert.InRange(figures[HealthFigures.SupplyFeederMilliOhm], FeederMilliOhm * 8 / 10, FeederMilliOhm * 12 / 10);
        Assert.InRange(figures[HealthFigures.PilotPlateauMv], 11950, 12050);
        Assert.True(figures[HealthFigures.SupplySags] >= 12, "a sag a month");
        // One save a day, plus the baseline's first sessions: the flash sees a small record daily and no more.
        var saves = store.ReplaceCount - replacesBefore;
        Assert.InRange(saves, Days, Days + HealthSettings.From(new PileConfig()).HeatBaselineSessions + 1);
    }
}
