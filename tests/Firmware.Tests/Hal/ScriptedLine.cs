using ChargeController.Hal;

namespace ChargeController.Tests.Hal;

/// <summary>
/// A serial line on virtual time, the master's end: the test schedules frames to arrive at given moments, or as replies a
/// given delay after the next request has gone out; a byte takes a millisecond on the wire (about 9600 baud), and waiting
/// for one moves the clock. It notes what a request's bytes were and how long the line had been quiet before it. Nothing
/// here allocates after construction, so a test can see that the master does not either.
/// </summary>
public sealed class ScriptedLine : ISerialLine, IMonotonicClock
{
    public const int ByteMs = 1;
    private const int Capacity = 4096;
    private readonly long[] _arrivalMs = new long[Capacity];
    private readonly byte[] _arrivalByte = new byte[Capacity];
    private int _head;
    private int _tail;
    private readonly byte[][] _replies = new byte[8][];
    private readonly int[] _replyDelaysMs = new int[8];
    private int _replyCount;
    private long _lineBusyUntilMs = long.MinValue / 2;

    public long NowMs { get; private set; }

    /// <summary>The last request as written.</summary>
    public byte[] Request { get; } = new byte[256];
    public int RequestLength { get; private set; }
    public int Requests { get; private set; }

    /// <summary>How long nothing had been on the line (neither way) when the last request started.</summary>
    public long QuietBeforeRequestMs { get; private set; }

    /// <summary>Bytes that had arrived and were thrown away unread by <see cref="DiscardInput"/>.</summary>
    public int DiscardedBytes { get; private set; }

    /// <summary>The frame's bytes arrive one a millisecond from <paramref name="atMs"/>.</summary>
    public ScriptedLine Arrive(long atMs, byte[] frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            _arrivalMs[_tail] = atMs + i * ByteMs;
            _arrivalByte[_tail++] = frame[i];
        }
        return this;
    }

    /// <summary>When the next request has gone out whole, the frame starts to arrive <paramref name="delayMs"/> later.</summary>
    public ScriptedLine Reply(int delayMs, byte[] frame)
    {
        _replies[_replyCount] = frame;
        _replyDelaysMs[_replyCount++] = delayMs;
        return this;
    }

    public void Write(byte[] data, int count)
    {
        var lastArrivalMs = _head > 0 && _arrivalMs[_head - 1] <= NowMs ? _arrivalMs[_head - 1] : long.MinValue / 2;
        for (var i = _head; i < _tail && _arrivalMs[i] <= NowMs; i++)
            lastArrivalMs = _arrivalMs[i];
        QuietBeforeRequestMs = NowMs - Math.Max(lastArrivalMs, _lineBusyUntilMs);
        Array.Copy(data, Request, count);
        RequestLength = count;
        Requests++;
        _lineBusyUntilMs = NowMs + count * ByteMs;
        for (var r = 0; r < _replyCount; r++)
        {
            Arrive(_lineBusyUntilMs + _replyDelaysMs[r], _replies[r]);
            _replies[r] = null!;
        }
        _replyCount = 0;
        SortPending();
    }

    public int ReadByte(int timeoutMs)
    {
        if (_head < _tail && _arrivalMs[_head] <= NowMs + timeoutMs)
        {
            NowMs = Math.Max(NowMs, _arrivalMs[_head]);
            return _arrivalByte[_head++];
        }
        NowMs += timeoutMs;
        return -1;
    }

    public void DiscardInput()
    {
        while (_head < _tail && _arrivalMs[_head] <= NowMs)
        {
            _head++;
            DiscardedBytes++;
        }
    }

    /// <summary>Lets time pass with nobody reading.</summary>
    public void Wait(long ms) => NowMs += ms;

    /// <summary>Frames scheduled separately may interleave on a shared bus: bytes arrive in time order (stable).</summary>
    private void SortPending()
    {
        for (var i = _head + 1; i < _tail; i++)
            for (var j = i; j > _head && _arrivalMs[j - 1] > _arrivalMs[j]; j--)
            {
                (_arrivalMs[j - 1], _arrivalMs[j]) = (_arrivalMs[j], _arrivalMs[j - 1]);
                (_arrivalByte[j - 1], _arrivalByte[j]) = (_arrivalByte[j], _arrivalByte[j - 1]);
            }
    }
}
