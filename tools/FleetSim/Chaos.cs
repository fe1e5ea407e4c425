namespace ChargeController.FleetSim;

/// <summary>
/// What goes wrong in a county, seeded (`--chaos`): every day the broker goes away twice for 1-5 minutes (every pile
/// loses its connection at once and cannot reconnect until it is back: a broker restart as the piles see it; the broker
/// keeps its state, as mosquitto with persistence does), a quarter of the piles lose their 4G link 1-3 times for 2-90
/// minutes, a tenth lose power for 1-20 minutes, one in twenty has its meter fall silent for 5-60 minutes. Nothing
/// happens in the first 10 minutes nor in the last <see cref="SettleMs"/> of a run, so every pile is back, powered and
/// connected, with time to deliver what it kept.
/// </summary>
public static class Chaos
{
    public const long SettleMs = 45 * 60_000L;
    private const long QuietStartMs = 10 * 60_000L;

    /// <summary>The broker's outages: (start, end) in virtual time.</summary>
    public static IReadOnlyList<(long FromMs, long ToMs)> BrokerOutages(long endMs, Random random)
    {
        var outages = new List<(long, long)>();
        for (var day = 0L; day * CountyClock.DayMs < endMs; day++)
            for (var i = 0; i < 2; i++)
                if (Window(day, endMs, random.Next(1, 6) * 60_000L, random) is { } outage)
                    outages.Add(outage);
        return outages.OrderBy(o => o.Item1).ToList();
    }

    public static IEnumerable<PlannedStep> For(long endMs, Random random)
    {
        var steps = new List<PlannedStep>();
        for (var day = 0L; day * CountyClock.DayMs < endMs; day++)
        {
            if (random.NextDouble() < 0.25)
                for (var drops = random.Next(1, 4); drops > 0; drops--)
                    Add(steps, Window(day, endMs, random.Next(2, 91) * 60_000L, random), "link down", "link up");
            if (random.NextDouble() < 0.10)
                Add(steps, Window(day, endMs, random.Next(1, 21) * 60_000L, random), "power cut", "power restore");
            if (random.NextDouble() < 0.05)
                Add(steps, Window(day, endMs, random.Next(5, 61) * 60_000L, random), "meter offline", "meter online");
        }
        return steps;
    }

    private static void Add(List<PlannedStep> steps, (long FromMs, long ToMs)? window, string begin, string end)
    {
        if (window is not { } w)
            return;
        steps.Add(new PlannedStep(w.FromMs, begin));
        steps.Add(new PlannedStep(w.ToMs, end));
    }

    /// <summary>A window of up to <paramref name="lengthMs"/> at a random time of the day, inside the run's chaotic part; null when none fits.</summary>
    private static (long FromMs, long ToMs)? Window(long day, long endMs, long lengthMs, Random random)
    {
        var firstMs = Math.Max(day * CountyClock.DayMs, QuietStartMs);
        var lastMs = Math.Min((day + 1) * CountyClock.DayMs, endMs - SettleMs) - lengthMs;
        if (lastMs <= firstMs)
            return null;
        var fromMs = firstMs + (long)(random.NextDouble() * (lastMs - firstMs));
        return (fromMs, fromMs + lengthMs);
    }
}
