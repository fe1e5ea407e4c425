using System.Text.Json;

namespace ChargeController.FleetSim;

/// <summary>
/// A township's run hour by hour, as FleetSim's pictures draw it (<see cref="FleetPlots"/>), from the piles' own
/// journals (the ground truth the summary counts) and the fleet's record of each pile's link and power. Hour i is
/// [i h, i+1 h) of the run, local time from 00:00. A session's energy counts in the hour it ended (where the summary
/// counts it); its charging time in every hour it spans (to the end of the run when it has not ended).
/// </summary>
public sealed record TownshipHours(string Name, int Piles, double[] ChargingPiles, long[] EnergyWh, int[] Sessions,
    int[] FaultsRaised, int[] LinkDrops, double[] OfflinePiles)
{
    public const string County = "county";

    /// <summary>Each township of the fleet (by name), then the whole county.</summary>
    public static List<TownshipHours> Of(Fleet fleet)
    {
        var endMs = fleet.Options.EndMs;
        var townships = fleet.Piles.GroupBy(p => p.Plan.Township).OrderBy(g => g.Key)
            .Select(g => Of(g.Key, g.ToList(), endMs)).ToList();
        townships.Add(Sum(County, townships));
        return townships;
    }

    private static TownshipHours Of(string name, IReadOnlyList<FleetPile> piles, long endMs)
    {
        var hours = (int)((endMs + CountyClock.HourMs - 1) / CountyClock.HourMs);
        var t = new TownshipHours(name, piles.Count, new double[hours], new long[hours], new int[hours], new int[hours], new int[hours], new double[hours]);
        foreach (var pile in piles)
        {
            var started = new Dictionary<string, long>();
            foreach (var json in pile.Truth.Events)
            {
                using var doc = JsonDocument.Parse(json);
                var e = doc.RootElement;
                if (!e.TryGetProperty("time", out var time))
                    continue; // recorded before the pile knew the time: not in the run's calendar
                var atMs = (time.GetDateTimeOffset().ToUnixTimeSeconds() - CountyClock.FirstDayUnixS) * 1000;
                var hour = Math.Clamp((int)(atMs / CountyClock.HourMs), 0, hours - 1);
                switch (e.GetProperty("event").GetString())
                {
                    case "session-start":
                        started[e.GetProperty("session").GetString()!] = atMs;
                        break;
                    case "session-end":
                        t.Sessions[hour]++;
                        t.EnergyWh[hour] += e.TryGetProperty("energyWh", out var wh) ? wh.GetInt64() : 0;
                        if (started.Remove(e.GetProperty("session").GetString()!, out var fromMs))
                            Spread(t.ChargingPiles, fromMs, atMs);
                        break;
                    case "fault-raised":
                        t.FaultsRaised[hour]++;
                        break;
                }
            }
            foreach (var fromMs in started.Values)
                Spread(t.ChargingPiles, fromMs, endMs);
            foreach (var (fromMs, toMs) in pile.Offline(endMs))
                Spread(t.OfflinePiles, fromMs, toMs);
            foreach (var atMs in pile.LinkDropsAtMs)
                t.LinkDrops[Math.Min((int)(atMs / CountyClock.HourMs), hours - 1)]++;
        }
        return t;
    }

    /// <summary>Adds the span to each hour it covers, as the share of the hour: piles on average.</summary>
    private static void Spread(double[] piles, long fromMs, long toMs)
    {
        for (var at = Math.Max(0, fromMs); at < toMs;)
        {
            var hour = (int)(at / CountyClock.HourMs);
            if (hour >= piles.Length)
                return;
            var hourEndMs = Math.Min(toMs, (hour + 1) * CountyClock.HourMs);
            piles[hour] += (hourEndMs - at) / (double)CountyClock.HourMs;
            at = hourEndMs;
        }
    }

    private static TownshipHours Sum(string name, IReadOnlyList<TownshipHours> all) =>
        new(name, all.Sum(t => t.Piles), Each(all, t => t.ChargingPiles, v => v.Sum()), Each(all, t => t.EnergyWh, v => v.Sum()),
            Each(all, t => t.Sessions, v => v.Sum()), Each(all, t => t.FaultsRaised, v => v.Sum()), Each(all, t => t.LinkDrops, v => v.Sum()),
            Each(all, t => t.OfflinePiles, v => v.Sum()));

    /// <summary>One series of every township added hour by hour.</summary>
    private static T[] Each<T>(IReadOnlyList<TownshipHours> all, Func<TownshipHours, T[]> series, Func<IEnumerable<T>, T> sum) =>
        Enumerable.Range(0, series(all[0]).Length).Select(i => sum(all.Select(t => series(t)[i]))).ToArray();
}
