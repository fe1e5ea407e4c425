using ChargeController.Hal;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>The contactor's coil output, timestamped: when it was last commanded open, on the real clock.</summary>
public sealed class TimedContactor : IContactor
{
    private readonly IContactor _contactor;
    private readonly IMonotonicClock _clock;
    private long _openedAtMs = -1;
    private int _closed;

    public TimedContactor(IContactor contactor, IMonotonicClock clock)
    {
        _contactor = contactor;
        _clock = clock;
    }

    public long OpenedAtMs => Interlocked.Read(ref _openedAtMs);
    public bool Closed => Volatile.Read(ref _closed) != 0;

    public void Command(bool closed)
    {
        if (!closed && Closed)
            Interlocked.Exchange(ref _openedAtMs, _clock.NowMs);
        Volatile.Write(ref _closed, closed ? 1 : 0);
        _contactor.Command(closed);
    }

    public bool FeedbackClosed => _contactor.FeedbackClosed;
}
