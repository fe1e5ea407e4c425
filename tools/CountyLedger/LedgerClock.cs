namespace ChargeController.CountyLedger;

/// <summary>
/// The time the ledger gives what carries none (the broker's will, a pile whose clock is not set): the wall clock, or,
/// for a simulated county on virtual time (`--clock messages`), the latest time any message carried.
/// </summary>
public sealed class LedgerClock(bool fromMessages)
{
    private long _latestS;

    public bool FromMessages => fromMessages;

    public long NowS => fromMessages ? Interlocked.Read(ref _latestS) : DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public void Saw(long unixS)
    {
        long seen;
        while (unixS > (seen = Interlocked.Read(ref _latestS)) && Interlocked.CompareExchange(ref _latestS, unixS, seen) != seen)
        {
        }
    }
}
