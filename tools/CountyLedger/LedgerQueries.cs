namespace ChargeController.CountyLedger;

/// <summary>A period of time, [FromS, ToS) in Unix seconds.</summary>
public readonly record struct Period(long FromS, long ToS)
{
    public long Seconds => ToS - FromS;
}

/// <summary>Sessions and their energy for one key (a pile, a township, a tariff band).</summary>
public sealed record EnergyRow(string Key, long Sessions, long EnergyWh);

/// <summary>The settled sessions that report a solar share (a pile with a site meter), their energy and its part from the sites' export.</summary>
public sealed record SolarRow(long Sessions, long EnergyWh, long SolarWh);

/// <summary>A pile that is offline or faulted now, since when.</summary>
public sealed record TroubleRow(string Pile, string Township, long? OfflineSinceS, long? FaultedSinceS, string? Faults);

/// <summary>How much of a township's pile time its sessions took.</summary>
public sealed record UtilisationRow(string Township, int Piles, long SessionSeconds, double Share);

/// <summary>
/// The platform's questions, answered from the ledger. A session belongs to the period its start falls in (its end's
/// time when its start has not arrived); only settled sessions (ended) count in energy.
/// </summary>
public sealed class LedgerQueries(LedgerDb db)
{
    public static readonly string[] BandNames = { "valley", "flat", "peak", "sharp" };

    private const string InPeriod = "COALESCE(s.started_s, s.ended_s) >= @from AND COALESCE(s.started_s, s.ended_s) < @to AND s.ended_s IS NOT NULL";

    /// <param name="by">pile, township or band</param>
    public List<EnergyRow> Energy(string by, Period period)
    {
        var p = new[] { ("@from", (object?)period.FromS), ("@to", period.ToS) };
        if (by == "band")
        {
            var row = db.Rows("SELECT " + string.Join(", ", Enumerable.Range(0, 4).Select(b => $"SUM(band{b}_wh), SUM(CASE WHEN band{b}_wh IS NULL THEN 0 ELSE 1 END)")) +
                ", SUM(CASE WHEN band0_wh IS NULL THEN COALESCE(energy_wh, 0) ELSE 0 END), SUM(CASE WHEN band0_wh IS NULL THEN 1 ELSE 0 END) " +
                $"FROM sessions s WHERE {InPeriod}", p)[0];
            var rows = Enumerable.Range(0, 4).Select(b => new EnergyRow(BandNames[b], Number(row[2 * b + 1]), Number(row[2 * b]))).ToList();
            rows.Add(new EnergyRow("no tariff", Number(row[9]), Number(row[8])));
            return rows;
        }
        var key = by == "township" ? "p.township" : by == "pile" ? "s.pile" : throw new ArgumentException($"energy by {by}: pile, township or band");
        return db.Rows($"SELECT {key}, COUNT(*), SUM(COALESCE(s.energy_wh, 0)) FROM sessions s JOIN piles p ON p.pile = s.pile " +
                $"WHERE {InPeriod} GROUP BY {key} ORDER BY {key}", p)
            .Select(r => new EnergyRow((string)r[0]!, Number(r[1]), Number(r[2]))).ToList();
    }

    /// <summary>Of the period's settled sessions with a solar share (docs/site.md), their energy and how much came from the export.</summary>
    public SolarRow Solar(Period period)
    {
        var row = db.Rows($"SELECT COUNT(*), SUM(COALESCE(s.energy_wh, 0)), SUM(s.solar_wh) FROM sessions s WHERE {InPeriod} AND s.solar_wh IS NOT NULL",
            ("@from", period.FromS), ("@to", period.ToS))[0];
        return new SolarRow(Number(row[0]), Number(row[1]), Number(row[2]));
    }

    /// <summary>The latest time the ledger has heard of: "now" for its answers (virtual time for a simulated county).</summary>
    public long LatestS() =>
        new[] { "events", "telemetry", "statuses" }.Select(t => Number(db.Scalar($"SELECT MAX(at_s) FROM {t}"))).Max();

    public List<TroubleRow> Trouble() =>
        db.Rows("SELECT pile, township, offline_since_s, faulted_since_s, faults FROM piles " +
                "WHERE offline_since_s IS NOT NULL OR faulted_since_s IS NOT NULL ORDER BY pile")
            .Select(r => new TroubleRow((string)r[0]!, (string)r[1]!, NullableNumber(r[2]), NullableNumber(r[3]), r[4] as string)).ToList();

    /// <summary>Each township's session time over its piles' time in the period (open sessions count up to <see cref="LatestS"/>).</summary>
    public List<UtilisationRow> Utilisation(Period period)
    {
        var piles = db.Rows("SELECT township, COUNT(*) FROM piles GROUP BY township ORDER BY township")
            .ToDictionary(r => (string)r[0]!, r => (int)Number(r[1]));
        var seconds = piles.Keys.ToDictionary(t => t, _ => 0L);
        foreach (var (township, fromS, toS) in SessionSpans(period))
            seconds[township] += toS - fromS;
        return piles.Select(p => new UtilisationRow(p.Key, p.Value, seconds[p.Key], (double)seconds[p.Key] / (p.Value * (double)period.Seconds))).ToList();
    }

    /// <summary>Session seconds by township and local hour of the day (UTC+8): the report's chart.</summary>
    public Dictionary<string, long[]> SessionSecondsByHour(Period period, int utcOffsetS)
    {
        var byHour = new Dictionary<string, long[]>();
        foreach (var (township, fromS, toS) in SessionSpans(period))
        {
            var hours = byHour.TryGetValue(township, out var h) ? h : byHour[township] = new long[24];
            for (var at = fromS; at < toS;)
            {
                var local = at + utcOffsetS;
                var hourEnd = Math.Min(toS, local - local % 3600 + 3600 - utcOffsetS);
                hours[local / 3600 % 24] += hourEnd - at;
                at = hourEnd;
            }
        }
        return byHour;
    }

    /// <summary>Each session's part inside the period, with its pile's township.</summary>
    private IEnumerable<(string Township, long FromS, long ToS)> SessionSpans(Period period)
    {
        var now = LatestS();
        foreach (var r in db.Rows("SELECT p.township, s.started_s, s.ended_s FROM sessions s JOIN piles p ON p.pile = s.pile " +
                     "WHERE s.started_s IS NOT NULL AND s.started_s < @to AND (s.ended_s IS NULL OR s.ended_s > @from)",
                     ("@from", period.FromS), ("@to", period.ToS)))
        {
            var from = Math.Max(Number(r[1]), period.FromS);
            var to = Math.Min(NullableNumber(r[2]) ?? now, period.ToS);
            if (to > from)
                yield return ((string)r[0]!, from, to);
        }
    }

    public Dictionary<string, long> Counters() =>
        db.Rows("SELECT name, value FROM counters").ToDictionary(r => (string)r[0]!, r => Number(r[1]));

    internal static long Number(object? value) => value == null ? 0 : Convert.ToInt64(value);

    internal static long? NullableNumber(object? value) => value == null ? null : Convert.ToInt64(value);
}
