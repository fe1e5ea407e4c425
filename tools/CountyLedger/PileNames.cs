namespace ChargeController.CountyLedger;

/// <summary>
/// How the county names its piles: `&lt;township&gt;-NNN` for a public pile, `&lt;township&gt;-fleet-NNN` for a
/// public body's dedicated pile; so the ledger knows a pile's township from its id alone.
/// </summary>
public static class PileNames
{
    public const string FleetMark = "-fleet-";

    public static string TownshipOf(string pileId)
    {
        var dash = pileId.IndexOf('-');
        return dash <= 0 ? pileId : pileId[..dash];
    }

    public static bool IsDedicated(string pileId) => pileId.Contains(FleetMark, StringComparison.Ordinal);
}
