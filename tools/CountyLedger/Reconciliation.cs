namespace ChargeController.CountyLedger;

/// <summary>A step of a pile's meter register that no session's energy covers; explained when a session's own record says why.</summary>
public sealed record RegisterGap(string Pile, long FromWh, long ToWh, string Where, string? Explanation)
{
    public long Wh => ToWh - FromWh;
    public bool Explained => Explanation != null;
}

/// <summary>One pile's register over the period against its sessions' energy.</summary>
public sealed record PileReconciliation(string Pile, long FirstWh, long LastWh, long SessionsWh, IReadOnlyList<RegisterGap> Gaps)
{
    public long MeteredWh => LastWh - FirstWh;
    public long UnexplainedWh => Gaps.Where(g => !g.Explained).Sum(g => Math.Abs(g.Wh));
}

/// <summary>
/// Settles each pile's meter register against its sessions: over the period the register (every reading the ledger
/// has: telemetry, the sessions' start and stop readings) moves from its first value to its last, and that must be the
/// sum of the sessions' energy. Walking the sessions in order, every step of the register between one session's end and
/// the next one's start (or the period's ends) is a gap. A gap is explained when a session's record says its energy is
/// not all known: it started without a reading; it is still open; it ended without a stop reading (a power cut: its
/// energy is at least its last reading's), which explains the step up to the meter's first reading after that end
/// (the pile's telemetry once it is back), no further. When the session ended because its meter fell silent
/// (`unmetered`), the register is read again only once that meter failure cleared: the pile's telemetry in between
/// repeats the last reading, so the step is explained up to the first reading after the clearing. Any other gap is
/// unexplained: energy the meter counted that no session bills, or the reverse.
/// </summary>
public sealed class Reconciliation(LedgerDb db)
{
    public List<PileReconciliation> Run(Period period)
    {
        var result = new List<PileReconciliation>();
        foreach (var pile in db.Rows("SELECT pile FROM piles ORDER BY pile").Select(r => (string)r[0]!))
            if (Pile(pile, period) is { } reconciled)
                result.Add(reconciled);
        return result;
    }

    private PileReconciliation? Pile(string pile, Period period)
    {
        var p = new[] { ("@pile", (object?)pile), ("@from", period.FromS), ("@to", period.ToS) };
        var sessions = db.Rows(
            "SELECT session, start_wh, stop_wh, last_wh, energy_wh, ended_s, unmetered FROM sessions " +
            "WHERE pile = @pile AND COALESCE(started_s, ended_s) >= @from AND COALESCE(started_s, ended_s) < @to", p)
            .Select(r => (Id: (string)r[0]!, Start: LedgerQueries.NullableNumber(r[1]), Stop: LedgerQueries.NullableNumber(r[2]),
                Last: LedgerQueries.NullableNumber(r[3]), Energy: LedgerQueries.NullableNumber(r[4]), Ended: r[5] != null, EndedS: LedgerQueries.Number(r[5]),
                Unmetered: LedgerQueries.NullableNumber(r[6]) == 1))
            .OrderBy(s => SessionOrder(s.Id)).ToList();
        var readings = db.Rows("SELECT MIN(energy_wh), MAX(energy_wh) FROM telemetry WHERE pile = @pile AND at_s >= @from AND at_s < @to", p)[0];
        var all = sessions.SelectMany(s => new[] { s.Start, s.Stop, s.Last }).Concat(new[] { LedgerQueries.NullableNumber(readings[0]), LedgerQueries.NullableNumber(readings[1]) })
            .Where(w => w != null).Select(w => w!.Value).ToList();
        if (all.Count == 0)
            return null;
        var first = all.Min();
        var last = all.Max();
        var gaps = new List<RegisterGap>();
        var cursor = first;
        string? why = null; // why the register may have moved since the cursor's reading
        long? explainedToWh = null; // how far: the first reading after a session that ended without its stop reading
        void Gap(long toWh, string where)
        {
            if (toWh == cursor)
                return;
            var explainedWh = why == null || toWh < cursor ? cursor : explainedToWh is { } bound ? Math.Clamp(bound, cursor, toWh) : toWh;
            if (explainedWh != cursor)
                gaps.Add(new RegisterGap(pile, cursor, explainedWh, where, why));
            if (explainedWh != toWh)
                gaps.Add(new RegisterGap(pile, explainedWh, toWh, where, null));
        }
        foreach (var s in sessions)
        {
            var end = s.Stop ?? s.Last;
            if (s.Start is { } start)
            {
                Gap(start, "before session " + s.Id);
                cursor = end ?? start;
            }
            else if (end != null)
            {
                gaps.Add(new RegisterGap(pile, cursor, end.Value, "through session " + s.Id, $"session {s.Id} started without a meter reading"));
                cursor = end.Value;
            }
            why = !s.Ended ? $"session {s.Id} is still open"
                : s.Stop == null ? $"session {s.Id} ended without a stop reading (its energy is at least its last reading's, up to the next reading)"
                : null;
            explainedToWh = s.Ended && s.Stop == null ? FirstReadingFrom(pile, s.Unmetered ? MeterBackS(pile, s.EndedS) : s.EndedS) : null;
        }
        Gap(last, sessions.Count == 0 ? "with no session" : "after the last session");
        var sessionsWh = sessions.Sum(s => s.Energy ?? (s.Start != null && s.Last != null ? s.Last - s.Start : 0) ?? 0);
        return new PileReconciliation(pile, first, last, sessionsWh, gaps);
    }

    /// <summary>The register's first reading at or after <paramref name="atS"/> (the pile's telemetry), or null.</summary>
    private long? FirstReadingFrom(string pile, long atS) =>
        db.Rows("SELECT energy_wh FROM telemetry WHERE pile = @pile AND at_s >= @at AND energy_wh IS NOT NULL ORDER BY at_s LIMIT 1",
            ("@pile", pile), ("@at", atS)).Select(r => LedgerQueries.NullableNumber(r[0])).FirstOrDefault();

    /// <summary>When the pile's meter failure (open at <paramref name="atS"/>) cleared; <paramref name="atS"/> when none cleared after it.</summary>
    private long MeterBackS(string pile, long atS) =>
        LedgerQueries.NullableNumber(db.Scalar("SELECT MIN(at_s) FROM faults WHERE pile = @pile AND code = @code AND raised = 0 AND at_s >= @at",
            ("@pile", pile), ("@code", MeterFailure), ("@at", atS))) ?? atS;

    /// <summary>The fault code of a meter that stopped answering (docs/mqtt-api.md, fault events).</summary>
    private const string MeterFailure = "PowerMeterFailure";

    /// <summary>Sessions are named "boot-n": ordered by boot, then by n.</summary>
    private static (long, long) SessionOrder(string id)
    {
        var dash = id.IndexOf('-');
        return dash > 0 && long.TryParse(id[..dash], out var boot) && long.TryParse(id[(dash + 1)..], out var n) ? (boot, n) : (long.MaxValue, 0);
    }
}
