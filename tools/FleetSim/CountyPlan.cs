namespace ChargeController.FleetSim;

/// <summary>One pile of the county: its id names its township; a dedicated pile belongs to a public body's fleet.</summary>
public sealed record PlannedPile(string Id, string Township, bool Dedicated);

/// <summary>
/// The county the firmware is for (/work/shared/seed: Pianguan's charging plan 2023-2025): 220 public piles over its 8
/// townships as the plan's Attachment 1 splits them, and 150 dedicated piles of public bodies (buses, sanitation,
/// ambulances, offices), opened to the public in set hours, most of them in the county town. Public ids follow
/// the ledger's <see cref="CountyLedger.PileNames"/>: the platform reads the township from the id.
/// </summary>
public static class CountyPlan
{
    public static readonly (string Name, int Public, int Dedicated)[] Townships =
    {
        ("xinguan", 94, 66), ("wanjiazhai", 25, 12), ("laoniuwan", 30, 12), ("laoying", 12, 12),
        ("shuiquan", 15, 12), ("shangyu", 12, 12), ("lougou", 15, 12), ("yaotou", 17, 12),
    };

    public static int PublicPiles => Townships.Sum(t => t.Public);
    public static int DedicatedPiles => Townships.Sum(t => t.Dedicated);

    /// <summary>
    /// The county's piles in an order that spreads any prefix over every township, public and dedicated alike: round
    /// robin over the townships, each taking its public and dedicated piles in turn. `--piles N` runs the first N.
    /// </summary>
    /// <param name="counties">copies of the county, as in a province (`--counties`): the second county's townships are
    /// xinguan2, wanjiazhai2... (so its piles' ids and the ledger's townships are its own), after the whole first county</param>
    public static IReadOnlyList<PlannedPile> Piles(IReadOnlyCollection<string>? townships = null, int counties = 1)
    {
        var piles = new List<PlannedPile>();
        for (var county = 1; county <= counties; county++)
            piles.AddRange(County(townships, county == 1 ? "" : county.ToString()));
        return piles;
    }

    private static List<PlannedPile> County(IReadOnlyCollection<string>? townships, string suffix)
    {
        var queues = Townships.Where(t => townships == null || townships.Contains(t.Name))
            .Select(t => new Queue<PlannedPile>(Interleaved((t.Name + suffix, t.Public, t.Dedicated)))).ToList();
        var piles = new List<PlannedPile>();
        while (queues.Any(q => q.Count > 0))
            foreach (var queue in queues)
                if (queue.Count > 0)
                    piles.Add(queue.Dequeue());
        return piles;
    }

    private static IEnumerable<PlannedPile> Interleaved((string Name, int Public, int Dedicated) township)
    {
        for (var i = 1; i <= Math.Max(township.Public, township.Dedicated); i++)
        {
            if (i <= township.Public)
                yield return new PlannedPile($"{township.Name}-{i:000}", township.Name, false);
            if (i <= township.Dedicated)
                yield return new PlannedPile($"{township.Name}{CountyLedger.PileNames.FleetMark}{i:000}", township.Name, true);
        }
    }
}
