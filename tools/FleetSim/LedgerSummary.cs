using ChargeController.CountyLedger;

namespace ChargeController.FleetSim;

/// <summary>What the ledger made of the run, as lines of the summary.</summary>
internal static class LedgerSummary
{
    public static IEnumerable<string> Lines(LedgerDb db, LedgerCheckResult check)
    {
        var counters = new LedgerQueries(db).Counters();
        yield return $"ledger: {counters.GetValueOrDefault("events")} events stored, {counters.GetValueOrDefault("duplicates")} duplicates removed, " +
            $"{counters.GetValueOrDefault("statuses")} statuses, {counters.GetValueOrDefault("telemetry")} telemetry, {counters.GetValueOrDefault("rejected")} rejected";
        yield return $"against the journals: {check.TruthEvents} events, {check.Missing} lost, {check.Differing} differing, {check.Extra} extra; " +
            $"{check.TruthSessions} sessions, {check.SessionMismatches} not settled exactly";
        foreach (var problem in check.Problems)
            yield return "  " + problem;
        var period = LedgerCommands.PeriodOf(db, new LedgerOptions());
        var piles = new Reconciliation(db).Run(period);
        yield return $"reconciliation: metered {piles.Sum(p => p.MeteredWh) / 1000.0:F3} kWh, sessions {piles.Sum(p => p.SessionsWh) / 1000.0:F3} kWh, " +
            $"{piles.Sum(p => p.Gaps.Count(g => g.Explained))} explained gaps ({piles.Sum(p => p.Gaps.Where(g => g.Explained).Sum(g => g.Wh))} Wh), " +
            $"unexplained {piles.Sum(p => p.UnexplainedWh)} Wh";
        foreach (var gap in piles.SelectMany(p => p.Gaps).Where(g => !g.Explained).Take(10))
            yield return $"  {gap.Pile} {gap.Wh} Wh {gap.Where}: UNEXPLAINED";
        foreach (var row in new LedgerQueries(db).Utilisation(period))
            yield return $"  {row.Township,-12} {row.Piles,4} piles, utilisation {row.Share:P1}";
    }
}
