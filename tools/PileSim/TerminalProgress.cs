using System.Diagnostics;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim;

/// <summary>
/// How far a long scenario run is, on standard error when it is a terminal and the trace does not go to that terminal
/// too: one line rewritten at most twice a second.
/// </summary>
internal sealed class TerminalProgress : IRunProgress
{
    /// <summary>A scenario this long takes seconds: below it a run is quick enough to need no progress.</summary>
    public const int LongRunSteps = 10_000;
    private const int UpdateMs = 500;

    private readonly Stopwatch _sinceUpdate = new();
    private bool _shown;

    /// <returns>a progress display for this run, or null when none should be shown</returns>
    public static TerminalProgress? For(int steps, bool traceToFile) =>
        steps >= LongRunSteps && !Console.IsErrorRedirected && (traceToFile || Console.IsOutputRedirected)
            ? new TerminalProgress()
            : null;

    public void StepDone(int stepsDone, int stepsTotal)
    {
        if (_shown && _sinceUpdate.ElapsedMilliseconds < UpdateMs && stepsDone < stepsTotal)
            return;
        _shown = true;
        _sinceUpdate.Restart();
        Console.Error.Write($"\rPileSim: step {stepsDone} of {stepsTotal} ({100L * stepsDone / stepsTotal} %)");
    }

    /// <summary>Ends the progress line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (_shown)
            Console.Error.WriteLine();
    }
}
