namespace ChargeController.PileSim.Generator;

/// <summary>
/// A buffer the running pile empties by itself (the command inbox, the console's receive buffer), counted the way the
/// generator must: what went in may still be waiting until the pile has run undisturbed for a quiet spell after the
/// last put and after every doubt (a hang, a boot, a link that is down or reconnecting). The model never offers more
/// than the buffer holds, whatever the pile's own timing.
/// </summary>
public sealed class Backlog(int capacity, long quietMs)
{
    private int _waiting;
    private long _lastPutMs = long.MinValue / 2;

    public int Capacity => capacity;

    /// <summary>What may still be waiting at <paramref name="nowMs"/> when the pile is in doubt until <paramref name="doubtUntilMs"/>.</summary>
    public int Waiting(long nowMs, long doubtUntilMs) =>
        nowMs >= Math.Max(_lastPutMs, doubtUntilMs) + quietMs ? 0 : _waiting;

    public bool Fits(int size, long nowMs, long doubtUntilMs) => Waiting(nowMs, doubtUntilMs) + size <= capacity;

    public void Put(int size, long nowMs, long doubtUntilMs)
    {
        _waiting = Waiting(nowMs, doubtUntilMs) + size;
        _lastPutMs = nowMs;
    }
}
