using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using ChargeController.Sim.Metering;

namespace ChargeController.MeterProbe.Tests;

/// <summary>
/// An RS485 bus on virtual time, the master's end of it: meters (the simulated slave) that each answer after a delay of
/// their own, a byte taking a millisecond on the wire (9600 baud); waiting for a byte moves the clock. It notes how long
/// the line was quiet before each request.
/// </summary>
public sealed class VirtualBus : ISerialLink, IMonotonicClock
{
    private const int ByteMs = 1;
    private readonly List<(RtuSlave Slave, int DelayMs)> _meters = new();
    private readonly Queue<(long AtMs, byte Value)> _arriving = new();
    private long _lineBusyUntilMs;

    public long NowMs { get; private set; }

    /// <summary>For each request, how long nothing had been on the line before it.</summary>
    public List<long> QuietBeforeRequestsMs { get; } = new();

    /// <param name="currentMa">what the meter measures flowing (at 230 V)</param>
    /// <param name="l2Ma">on a three-phase meter, the current on L2 and L3, signed (negative: exporting), else as L1</param>
    public VirtualBus Meter(MeterProfile profile, byte address, int answersAfterMs, int currentMa = 0, int? l2Ma = null)
    {
        var meter = new SimMeter(profile, address);
        meter.Measure(0, 230_000, currentMa, l2Ma ?? 0, l2Ma ?? 0);
        _meters.Add((new RtuSlave(this, meter), answersAfterMs));
        return this;
    }

    public void Write(byte[] data, int count)
    {
        QuietBeforeRequestsMs.Add(NowMs - _lineBusyUntilMs);
        var sentMs = NowMs + count * ByteMs;
        _lineBusyUntilMs = sentMs;
        foreach (var (slave, delayMs) in _meters)
        {
            if (slave.AnswerTo(data[..count]) is not { } answer)
                continue;
            for (var i = 0; i < answer.Length; i++)
                _arriving.Enqueue((sentMs + delayMs + (i + 1) * ByteMs, answer[i]));
        }
    }

    public int ReadByte(int timeoutMs)
    {
        if (_arriving.Count > 0 && _arriving.Peek().AtMs <= NowMs + timeoutMs)
        {
            var (atMs, value) = _arriving.Dequeue();
            NowMs = Math.Max(NowMs, atMs);
            _lineBusyUntilMs = Math.Max(_lineBusyUntilMs, atMs);
            return value;
        }
        NowMs += timeoutMs;
        return -1;
    }

    public void DiscardInput()
    {
        while (_arriving.Count > 0 && _arriving.Peek().AtMs <= NowMs)
            _arriving.Dequeue();
    }

    public void Dispose() { }
}
