using ChargeController.Hal;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>The CC input, read once per tick: records the longest gap between two ticks on the real clock.</summary>
public sealed class TickProbe : IConnectionConfirm
{
    private readonly IConnectionConfirm _input;
    private readonly IMonotonicClock _clock;
    private long _lastMs = -1;
    private long _longestGapMs;

    public TickProbe(IConnectionConfirm input, IMonotonicClock clock)
    {
        _input = input;
        _clock = clock;
    }

    /// <summary>Read by the test once the threads have stopped.</summary>
    public long LongestGapMs => Interlocked.Read(ref _longestGapMs);

    public int ResistanceOhms
    {
        get
        {
            var nowMs = _clock.NowMs;
            if (_lastMs >= 0 && nowMs - _lastMs > _longestGapMs)
                Interlocked.Exchange(ref _longestGapMs, nowMs - _lastMs);
            _lastMs = nowMs;
            return _input.ResistanceOhms;
        }
    }
}
