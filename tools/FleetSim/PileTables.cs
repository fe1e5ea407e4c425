namespace ChargeController.FleetSim;

/// <summary>
/// The platform's tables every pile of the county gets once it is up (the `tariff`, `schedule` and `fleet-list`
/// commands of docs/mqtt-api.md): one time-of-use tariff for all; for dedicated piles, opening hours for the public and
/// the list of their fleet's id tags.
/// </summary>
public static class PileTables
{
    /// <summary>The tariff's bands, 0-3, by their names in the ledger.</summary>
    public static readonly string[] BandNames = { "valley", "flat", "peak", "sharp" };

    /// <summary>Band of each local half hour: valley 23-07, flat 07-10, 12-17 and 21-23, peak 10-12, sharp 17-21.</summary>
    public static int BandAt(int halfHour) => halfHour switch
    {
        < 14 => 0,
        < 20 => 1,
        < 24 => 2,
        < 34 => 1,
        < 42 => 3,
        < 46 => 1,
        _ => 0,
    };

    /// <summary>Dedicated piles open to the public 08:00-18:00 every day.</summary>
    public const int OpensMin = 8 * 60, ClosesMin = 18 * 60;

    /// <summary>The id tags of a dedicated pile's fleet: two vehicles share each pile (the plan's ratio of 1:2).</summary>
    public static string[] FleetTags(string pileId) => new[] { $"{pileId}-v1", $"{pileId}-v2" };

    public static IEnumerable<string> Commands(PlannedPile pile)
    {
        var slots = string.Join(",", Enumerable.Range(0, 48).Select(BandAt));
        yield return $"cmd {{\"v\":1,\"id\":\"tariff-1\",\"cmd\":\"tariff\",\"ttlS\":600,\"version\":1,\"utcOffsetMin\":{CountyClock.UtcOffsetMin},\"slots\":[{slots}]}}";
        if (!pile.Dedicated)
            yield break;
        var days = string.Join(",", Enumerable.Repeat($"[{OpensMin},{ClosesMin}]", 7));
        yield return $"cmd {{\"v\":1,\"id\":\"schedule-1\",\"cmd\":\"schedule\",\"ttlS\":600,\"version\":1,\"utcOffsetMin\":{CountyClock.UtcOffsetMin},\"days\":[{days}]}}";
        var tags = string.Join(",", FleetTags(pile.Id).Select(t => $"\"{t}\""));
        yield return $"cmd {{\"v\":1,\"id\":\"fleet-1\",\"cmd\":\"fleet-list\",\"ttlS\":600,\"version\":1,\"mode\":\"replace\",\"tags\":[{tags}]}}";
    }
}
