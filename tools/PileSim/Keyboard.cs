using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChargeController.PileSim;

/// <summary>
/// Where the interactive pile's time and typed lines come from: a person at a terminal in real time
/// (<see cref="TerminalKeyboard"/>), or a test's script on virtual time.
/// </summary>
public interface IKeyboard
{
    /// <summary>Milliseconds since the pile started: the pile runs up to this time before each line is taken.</summary>
    long NowMs { get; }

    /// <summary>Waits up to one tick (10 ms) for the next typed line, then lets time move on.</summary>
    /// <returns>false while nothing was typed; true with the line as typed, or with null when the input ended</returns>
    bool TryTake(out string? line);
}

/// <summary>Standard input, read on a thread of its own so the pile keeps running while nobody types; real time.</summary>
internal sealed class TerminalKeyboard : IKeyboard
{
    private const int WaitMs = 10;
    private readonly BlockingCollection<string?> _typed = new(boundedCapacity: 64);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TerminalKeyboard()
    {
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.ReadLine()) != null)
                _typed.Add(line);
            _typed.Add(null);
        }) { IsBackground = true, Name = "stdin" };
        reader.Start();
    }

    public long NowMs => _clock.ElapsedMilliseconds;

    public bool TryTake(out string? line) => _typed.TryTake(out line, WaitMs);
}
