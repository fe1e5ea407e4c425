namespace ChargeController.PileUpdate;

/// <summary>
/// Who gets the package, in which order: the canaries (--canary id,id) first, then the waves. `--waves township` groups
/// the piles of --piles FILE by township, the pile id without its last '-' part (cc-dz-0012 is in township cc-dz), in the
/// order the file first names each; `--waves list:FILE` takes one wave a line. Ids are separated by commas, spaces or
/// lines; '#' starts a comment. A canary named again in a wave is not offered twice.
/// </summary>
internal static class RolloutPlan
{
    /// <returns>the waves, the canaries' first; null with <paramref name="problem"/> (bad usage) or <paramref name="failure"/> (a file)</returns>
    public static List<List<string>>? From(Options options, out string? problem, out string? failure)
    {
        problem = failure = null;
        var canaries = Ids(options.Value("--canary") ?? "");
        var waves = options.Value("--waves");
        var piles = options.Value("--piles");
        if (canaries.Count == 0)
            problem = "rollout needs --canary id,id (the piles that take the package first)";
        else if (waves == null)
            problem = "rollout needs --waves township (with --piles FILE) or --waves list:FILE";
        else if (waves == "township" && piles == null)
            problem = "--waves township groups the piles of --piles FILE: name it";
        else if (waves != "township" && !waves.StartsWith("list:", StringComparison.Ordinal))
            problem = $"--waves is township or list:FILE, not '{waves}'";
        else if (waves != "township" && piles != null)
            problem = "--piles goes with --waves township; a list file names its piles itself";
        if (problem != null)
            return null;
        var file = waves == "township" ? piles! : waves![5..];
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"cannot read {file}: {e.Message}";
            return null;
        }
        var rest = waves == "township"
            ? Ids(string.Join('\n', lines)).GroupBy(Township).Select(g => g.ToList()).ToList()
            : lines.Select(Ids).Where(wave => wave.Count > 0).ToList();
        var plan = new List<List<string>> { canaries };
        var seen = new HashSet<string>(canaries);
        foreach (var wave in rest)
        {
            var fresh = wave.Where(seen.Add).ToList();
            if (fresh.Count > 0)
                plan.Add(fresh);
        }
        if (plan.SelectMany(w => w).FirstOrDefault(id => !ValidId(id)) is { } bad)
        {
            failure = $"'{bad}' is not a pile id (1 to 32 of A-Z a-z 0-9 - _ .)";
            return null;
        }
        return plan;
    }

    /// <summary>The township of a pile: its id without the last '-' part (the whole id when it has no '-').</summary>
    public static string Township(string pileId) => pileId.LastIndexOf('-') is var dash and > 0 ? pileId[..dash] : pileId;

    private static List<string> Ids(string text) => text.Split('\n')
        .Select(line => line.Split('#')[0])
        .SelectMany(line => line.Split(new[] { ',', ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries))
        .Distinct().ToList();

    private static bool ValidId(string id) => id.Length is > 0 and <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
