using ChargeController.PileSim;

namespace ChargeController.Tests.Support;

/// <summary>
/// Lines typed at the interactive PileSim at set times of virtual time: the keyboard's clock moves a tick (10 ms) each
/// time the pile waits for a line, so the pile runs exactly as it would in real time, without waiting for it.
/// </summary>
/// <param name="echo">where each line shows when it is typed, as a terminal echoes it; null: nowhere</param>
public sealed class ScriptedKeyboard(IReadOnlyList<(long AtMs, string Line)> lines, TextWriter? echo = null) : IKeyboard
{
    private const int TickMs = 10;
    private int _next;

    public long NowMs { get; private set; }

    public bool TryTake(out string? line)
    {
        line = null;
        if (_next == lines.Count)
        {
            NowMs += TickMs; // the input ended; time still moves on, as the terminal's wait lets it
            Thread.Sleep(TickMs);
            return true;
        }
        if (lines[_next].AtMs <= NowMs)
        {
            line = lines[_next++].Line;
            echo?.WriteLine(line);
            return true;
        }
        NowMs = Math.Min(NowMs + TickMs, lines[_next].AtMs);
        Thread.Sleep(TickMs); // at a typist's pace: the embedded broker's acknowledgements come back within the tick, as they do there
        return false;
    }
}
