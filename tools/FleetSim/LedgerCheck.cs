using System.Text.Json;
using ChargeController.CountyLedger;

namespace ChargeController.FleetSim;

/// <summary>The ledger against the piles' own journals: what it lacks, what differs, what it has that no pile recorded.</summary>
public sealed record LedgerCheckResult(int TruthEvents, int Missing, int Differing, int Extra, int TruthSessions, int SessionMismatches,
    IReadOnlyList<string> Problems)
{
    public bool Exact => Missing == 0 && Differing == 0 && Extra == 0 && SessionMismatches == 0;
}

public static class LedgerCheck
{
    /// <summary>Compares every event (its JSON, byte for byte) and every closed session (energy, bands) of the piles with the ledger's.</summary>
    public static LedgerCheckResult Compare(IEnumerable<PileTruth> truths, LedgerDb db)
    {
        var problems = new List<string>();
        int events = 0, missing = 0, differing = 0, extra = 0, sessions = 0, sessionMismatches = 0;
        foreach (var truth in truths)
        {
            var stored = db.Rows("SELECT boot, seq, payload FROM events WHERE pile = @pile", ("@pile", truth.PileId))
                .ToDictionary(r => (Convert.ToInt64(r[0]), Convert.ToInt64(r[1])), r => (string)r[2]!);
            foreach (var json in truth.Events)
            {
                events++;
                using var doc = JsonDocument.Parse(json);
                var key = (doc.RootElement.GetProperty("boot").GetInt64(), doc.RootElement.GetProperty("seq").GetInt64());
                if (!stored.Remove(key, out var payload))
                    Note(problems, ref missing, $"{truth.PileId} {key}: not in the ledger: {json}");
                else if (payload != json)
                    Note(problems, ref differing, $"{truth.PileId} {key}: the ledger has {payload}, the pile recorded {json}");
            }
            foreach (var (key, payload) in stored)
                Note(problems, ref extra, $"{truth.PileId} {key}: in the ledger, not in the pile's journal: {payload}");
            var ledgerSessions = db.Rows("SELECT session, energy_wh, band0_wh, band1_wh, band2_wh, band3_wh FROM sessions WHERE pile = @pile AND ended_s IS NOT NULL",
                    ("@pile", truth.PileId))
                .ToDictionary(r => (string)r[0]!, r => Describe(r[1] == null ? null : Convert.ToInt64(r[1]), r.Skip(2).Where(b => b != null).Select(Convert.ToInt64).ToArray()));
            foreach (var (session, energyWh, bandsWh) in truth.Sessions())
            {
                sessions++;
                var expected = Describe(energyWh, bandsWh);
                if (!ledgerSessions.Remove(session, out var found))
                    Note(problems, ref sessionMismatches, $"{truth.PileId} session {session} ({expected}): not settled in the ledger");
                else if (found != expected)
                    Note(problems, ref sessionMismatches, $"{truth.PileId} session {session}: the ledger has {found}, the pile {expected}");
            }
            foreach (var session in ledgerSessions.Keys)
                Note(problems, ref sessionMismatches, $"{truth.PileId} session {session}: settled in the ledger, not closed by the pile");
        }
        return new LedgerCheckResult(events, missing, differing, extra, sessions, sessionMismatches, problems);
    }

    private static string Describe(long? energyWh, long[] bandsWh) => $"{energyWh?.ToString() ?? "no"} Wh, bands [{string.Join(",", bandsWh)}]";

    private static void Note(List<string> problems, ref int count, string problem)
    {
        count++;
        if (problems.Count < 20)
            problems.Add(problem);
    }
}
