namespace ChargeController.FleetSim;

/// <summary>
/// When vehicles come to a pile, seeded: drivers at public piles arrive by a Poisson process whose rate follows the
/// day (low at night, a midday bump, the evening peak 17-21 h), busier in the county town; a dedicated pile's fleet
/// vehicle plugs in in the evening and leaves in the morning, and in its opening hours the public comes now and then.
/// Each visit: plug, the vehicle asks to charge, stops when its battery is full, stays a while, unplugs. A driver who
/// finds the pile taken goes elsewhere. Dedicated piles authorise by id tag (platform mode): the fleet's cards, or a
/// public card in opening hours.
/// </summary>
public static class Arrivals
{
    /// <summary>The pile delivers 32 A at 220 V: about 7 kW.</summary>
    private const double ChargingKw = 7.0;

    /// <summary>Relative arrival rate by local hour at public piles.</summary>
    private static readonly double[] PublicShape =
    {
        0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.2, 0.35, 0.45, 0.5, 0.55, 0.6,
        0.65, 0.55, 0.5, 0.5, 0.6, 0.9, 1.0, 1.0, 0.85, 0.5, 0.25, 0.1,
    };

    /// <summary>Arrivals an hour at the evening peak: the county town's piles are the busiest.</summary>
    private static double PeakPerHour(PlannedPile pile) => pile.Dedicated ? 0.3 : pile.Township == "xinguan" ? 0.9 : 0.5;

    public static IEnumerable<PlannedStep> For(PlannedPile pile, long endMs, Random random)
    {
        var steps = new List<PlannedStep>();
        var freeAtMs = 0L;
        var days = (int)((endMs + CountyClock.DayMs - 1) / CountyClock.DayMs);
        for (var day = 0; day < days; day++)
        {
            if (pile.Dedicated)
            {
                var fleetAtMs = CountyClock.At(day, 19 + 3.5 * random.NextDouble());
                var leaveAtMs = CountyClock.At(day + 1, 6 + 1.5 * random.NextDouble());
                PublicVisits(pile, random, steps, ref freeAtMs, CountyClock.At(day, PileTables.OpensMin / 60.0),
                    CountyClock.At(day, PileTables.ClosesMin / 60.0) - CountyClock.HourMs);
                if (fleetAtMs >= freeAtMs)
                {
                    var tag = PileTables.FleetTags(pile.Id)[random.Next(2)];
                    freeAtMs = Visit(steps, fleetAtMs, 15 + 30 * random.NextDouble(), leaveAtMs, tag);
                }
            }
            else
                PublicVisits(pile, random, steps, ref freeAtMs, CountyClock.At(day, 0), CountyClock.At(day + 1, 0));
        }
        return steps.Where(s => s.AtMs < endMs);
    }

    /// <summary>Visits of the public between <paramref name="fromMs"/> and <paramref name="toMs"/> (thinning of a Poisson process at the peak rate).</summary>
    private static void PublicVisits(PlannedPile pile, Random random, List<PlannedStep> steps, ref long freeAtMs, long fromMs, long toMs)
    {
        var peakPerMs = PeakPerHour(pile) / CountyClock.HourMs;
        for (var atMs = fromMs; ;)
        {
            atMs += (long)(-Math.Log(1 - random.NextDouble()) / peakPerMs);
            if (atMs >= toMs)
                return;
            if (random.NextDouble() > PublicShape[CountyClock.LocalHour(atMs)] || atMs < freeAtMs)
                continue;
            var needKwh = 3 + 22 * random.NextDouble();
            var chargeMs = (long)(needKwh / ChargingKw * CountyClock.HourMs);
            var leaveAtMs = atMs + chargeMs + (long)(random.NextDouble() * 40 * 60_000);
            var card = pile.Dedicated ? $"card-{random.Next(1, 10_000):0000}" : null;
            freeAtMs = Visit(steps, atMs, needKwh, leaveAtMs, card);
        }
    }

    /// <returns>when the pile is free again</returns>
    private static long Visit(List<PlannedStep> steps, long atMs, double needKwh, long leaveAtMs, string? idTag)
    {
        if (idTag != null)
            steps.Add(new PlannedStep(atMs - 1000, "authorize " + idTag));
        steps.Add(new PlannedStep(atMs, "plug 32A"));
        steps.Add(new PlannedStep(atMs + 2000, "ev ready"));
        var fullAtMs = atMs + 2000 + (long)(needKwh / ChargingKw * CountyClock.HourMs);
        if (fullAtMs < leaveAtMs)
            steps.Add(new PlannedStep(fullAtMs, "ev pause"));
        steps.Add(new PlannedStep(leaveAtMs, "unplug"));
        return leaveAtMs + 60_000;
    }
}
