using System.Text;

namespace ChargeController.PileUpdate;

/// <summary>What `rollout` shows: a progress bar on standard error while it runs (a terminal only), the table at the end.</summary>
internal sealed class RolloutReport(IReadOnlyList<PileRecord> piles)
{
    private const int BarWidth = 30;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private string _shown = "";

    /// <summary>Rewrites the progress line when it changed.</summary>
    public void Progress(int wave, int waves)
    {
        if (!_terminal)
            return;
        var done = piles.Sum(p => p.Ended ? 100 : p.Percent) / Math.Max(1, piles.Count);
        var filled = done * BarWidth / 100;
        var line = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done,3} %  wave {wave}/{waves}: " +
            $"{piles.Count(p => p.State == PileRecord.Confirmed)} confirmed, {piles.Count(p => p.Failed)} failed, " +
            $"{piles.Count(p => p.Offered && !p.Ended)} under way";
        if (line == _shown)
            return;
        Console.Error.Write("\r" + line.PadRight(_shown.Length));
        _shown = line;
    }

    /// <summary>Ends the progress line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (_shown.Length > 0)
            Console.Error.WriteLine();
        _shown = "";
    }

    /// <summary>One line a pile: pile, from version, to version, state, reason.</summary>
    public static string Table(IEnumerable<PileRecord> piles, string toVersion)
    {
        var rows = new List<string[]> { new[] { "pile", "from", "to", "state", "reason" } };
        rows.AddRange(piles.Select(p => new[] { p.Id + (p.Canary ? " (canary)" : ""), p.FromVersion, toVersion, p.State, p.Reason }));
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows)
            table.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return table.ToString();
    }
}
