namespace ChargeController.PileSim;

/// <summary>
/// The keepalive pings a pile's MQTT client sends, counted from the times it published: M2Mqtt sends a PINGREQ when it has
/// sent nothing for a keepalive period (its KeepAliveThread), and the broker answers each with a PINGRESP.
/// </summary>
public sealed class KeepAlivePings(long keepAliveMs)
{
    private long _lastSentMs;

    public long Count { get; private set; }

    /// <summary>The pile sent something at <paramref name="nowMs"/>: the keepalive period starts again.</summary>
    public void Sent(long nowMs)
    {
        Until(nowMs);
        _lastSentMs = nowMs;
    }

    /// <summary>Counts the pings of the silent keepalive periods up to <paramref name="nowMs"/>.</summary>
    public void Until(long nowMs)
    {
        var pings = (nowMs - _lastSentMs) / keepAliveMs;
        Count += pings;
        _lastSentMs += pings * keepAliveMs;
    }

    /// <summary>Counting starts again at <paramref name="nowMs"/>.</summary>
    public void Reset(long nowMs)
    {
        Count = 0;
        _lastSentMs = nowMs;
    }
}
