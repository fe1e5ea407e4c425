using ChargeController.Firmware.Events;
using ChargeController.Runtime;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>A downstream consumer (an outbox, say) that keeps every event and now and then takes up to 30 ms over one.</summary>
public sealed class SlowConsumer : IEventConsumer
{
    private readonly Random _random;
    private int _sessionEnds;

    public SlowConsumer(int seed) => _random = new Random(seed);

    /// <summary>Touched by the storage thread only; read once the threads have stopped.</summary>
    public List<PileEvent> Events { get; } = new(4096);

    public int SessionEnds => Volatile.Read(ref _sessionEnds);

    public void Write(PileEvent e)
    {
        Events.Add(e);
        if (e.Kind == EventKind.Session && e.Code == EventRing.SessionEnd)
            Interlocked.Increment(ref _sessionEnds);
        if (_random.Next(4) == 0)
            Thread.Sleep(_random.Next(30));
    }
}
