using System.Diagnostics;

namespace ChargeController.FleetSim;

/// <summary>The progress bar on standard error, when it is a terminal: one line rewritten at most twice a second.</summary>
internal sealed class FleetProgress
{
    private const int Width = 30;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();

    public static FleetProgress? For(bool quiet) => quiet || Console.IsErrorRedirected ? null : new FleetProgress();

    public void Show(Fleet fleet)
    {
        var done = fleet.NowMs >= fleet.Options.EndMs;
        if (_sinceUpdate.ElapsedMilliseconds < 500 && !done)
            return;
        _sinceUpdate.Restart();
        var share = (double)fleet.NowMs / fleet.Options.EndMs;
        var filled = (int)(share * Width);
        var day = fleet.NowMs / CountyClock.DayMs + 1;
        var time = TimeSpan.FromMilliseconds(fleet.NowMs % CountyClock.DayMs);
        var speed = fleet.NowMs / Math.Max(1.0, _wall.ElapsedMilliseconds);
        Console.Error.Write($"\rFleetSim [{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} day {day} {time:hh\\:mm}, " +
            $"{fleet.Piles.Count} piles, {speed:F0}x real time ");
        if (done)
            Console.Error.WriteLine();
    }
}
