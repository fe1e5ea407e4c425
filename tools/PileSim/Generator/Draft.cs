using System.Text;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim.Generator;

/// <summary>
/// A scenario being written: the current time, lines promised for later (a fault's repair, the second half of a
/// login), and the text. Every line is parsed as the runner will parse it and offered to the <see cref="PileModel"/>;
/// a line the pile could not take now is left out, so the text stays valid whatever the pickers ask for.
/// </summary>
public sealed class Draft(Random random, long endMs)
{
    private readonly StringBuilder _text = new();
    private readonly List<(long DueMs, int Order, string Line)> _later = new();
    private int _order;

    public Random Random { get; } = random;
    public PileModel Model { get; } = new();
    public long NowMs { get; private set; }
    /// <summary>The time the scenario ends: nothing is written after it.</summary>
    public long EndMs { get; } = endMs;
    public bool Over => NowMs >= EndMs;
    /// <summary>How many lines are written so far.</summary>
    public int Lines { get; private set; }

    public void Comment(string text) => _text.Append("# ").Append(text).Append('\n');

    /// <summary>Writes <paramref name="line"/> (a verb and its argument) now, unless the pile could not take it now.</summary>
    /// <returns>whether it was written</returns>
    public bool Add(string line) => !Over && Write(line);

    /// <summary>The last line: `end` at <see cref="EndMs"/>.</summary>
    public void End()
    {
        Wait(EndMs - NowMs);
        Write("end");
    }

    private bool Write(string line)
    {
        var step = ScenarioParser.ParseCommand(line, NowMs, out var error) ??
            throw new InvalidOperationException($"the generator wrote a line the parser refuses: '{line}': {error}");
        if (Model.Refusal(step) != null)
            return false;
        Model.Apply(step);
        _text.Append(Time(NowMs)).Append(' ').Append(line).Append('\n');
        Lines++;
        return true;
    }

    /// <summary>Promises <paramref name="line"/> for <paramref name="delayMs"/> from now (it is still offered to the model then).</summary>
    public void Later(long delayMs, string line) => _later.Add((NowMs + delayMs, _order++, line));

    /// <summary>Lets time pass, writing the promised lines that fall due meanwhile, each at its time.</summary>
    public void Wait(long ms)
    {
        var untilMs = Math.Min(NowMs + ms, EndMs);
        while (true)
        {
            var due = _later.Where(l => l.DueMs <= untilMs).OrderBy(l => l.DueMs).ThenBy(l => l.Order).FirstOrDefault();
            if (due.Line == null)
                break;
            _later.Remove(due);
            NowMs = Math.Max(NowMs, due.DueMs);
            Add(due.Line);
        }
        NowMs = untilMs;
    }

    public override string ToString() => _text.ToString();

    /// <summary>A time as a scenario writes it, in the largest unit that keeps it exact: 2min, 15s, 1.25s, 1234ms.</summary>
    public static string Time(long ms) => ms switch
    {
        0 => "0s",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}min",
        _ when ms % 1000 == 0 => $"{ms / 1000}s",
        _ when ms % 10 == 0 => $"{ms / 1000}.{(ms % 1000).ToString("000").TrimEnd('0')}s",
        _ => $"{ms}ms",
    };
}
