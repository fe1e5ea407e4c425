using System.Diagnostics;
using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>
/// A Modbus RTU master (functions 03, 04 and 16) over a serial link: the host-side twin of what the ESP32 adapter does
/// with the nanoFramework Modbus library, implementing the firmware's own port. Before each request the bus has been
/// silent for 3.5 character times (RTU's frame gap); an answer is the first whole frame from the slave asked within the
/// response timeout, and a frame from any other address (a late answer to an earlier request) is read and dropped.
/// </summary>
public sealed class RtuMaster : IModbusMaster
{
    /// <summary>Once an answer has started, its bytes follow each other closely; a longer gap ends it.</summary>
    public const int InterByteTimeoutMs = 50;
    /// <summary>A character on the wire is 11 bits (start, 8 data, parity or a second stop, stop), as RTU counts it.</summary>
    private const int BitsPerCharacter = 11;

    private readonly ISerialLink _link;
    private readonly int _responseTimeoutMs;
    private readonly IMonotonicClock _clock;
    private readonly byte[] _frame = new byte[256];
    private byte[] _lastRequest = new byte[8];
    private int _lastExpectedLength;
    private long _lastSentMs;

    /// <param name="clock">what the response timeout is measured on; the machine's own when null</param>
    public RtuMaster(ISerialLink link, int responseTimeoutMs, int baud, IMonotonicClock? clock = null)
    {
        _link = link;
        _responseTimeoutMs = responseTimeoutMs;
        _clock = clock ?? new StopwatchClock();
        SilenceMs = SilenceBefore(baud);
    }

    /// <summary>
    /// The silence kept before a request, in whole milliseconds: 3.5 characters (4.01 ms at 9600 baud, so 5 ms); above
    /// 19200 baud the fixed 1.75 ms of the Modbus serial line specification.
    /// </summary>
    public int SilenceMs { get; }

    public static int SilenceBefore(int baud) =>
        baud > 19200 ? 2 : (int)((35L * BitsPerCharacter * 1000 + 10L * baud - 1) / (10L * baud));

    public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
        Read(3, slave, start, count, into, out exceptionCode);

    public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
        Read(4, slave, start, count, into, out exceptionCode);

    public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
    {
        var request = new byte[9 + 2 * count];
        request[0] = slave;
        request[1] = 16;
        PutWord(request, 2, start);
        PutWord(request, 4, count);
        request[6] = (byte)(2 * count);
        for (var i = 0; i < count; i++)
            PutWord(request, 7 + 2 * i, values[i]);
        Crc16.Append(request, request.Length - 2);
        Send(request, expectedLength: 8);
        return Receive(slave, 16, expectedLength: 8, _responseTimeoutMs, out exceptionCode);
    }

    /// <summary>
    /// After a request that timed out, listens on for its answer until <paramref name="waitMs"/> after it was sent: how
    /// long the slave took to answer whole, or -1 when nothing came from it in that time.
    /// </summary>
    public int LateAnswerMs(int waitMs)
    {
        var leftMs = _lastSentMs + waitMs - _clock.NowMs;
        if (leftMs <= 0 || Receive(_lastRequest[0], _lastRequest[1], _lastExpectedLength, (int)leftMs, out _) == ModbusStatus.Timeout)
            return -1;
        return (int)(_clock.NowMs - _lastSentMs);
    }

    private ModbusStatus Read(byte function, byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
    {
        var request = new byte[8];
        request[0] = slave;
        request[1] = function;
        PutWord(request, 2, start);
        PutWord(request, 4, count);
        Crc16.Append(request, 6);
        Send(request, expectedLength: 5 + 2 * count);
        var status = Receive(slave, function, expectedLength: 5 + 2 * count, _responseTimeoutMs, out exceptionCode);
        if (status != ModbusStatus.Ok)
            return status;
        if (_frame[2] != 2 * count)
            return ModbusStatus.CrcError; // a well-checksummed answer to some other question: treat as garbled
        for (var i = 0; i < count; i++)
            into[i] = (ushort)(_frame[3 + 2 * i] << 8 | _frame[4 + 2 * i]);
        return ModbusStatus.Ok;
    }

    /// <summary>Sends once the line has been quiet for <see cref="SilenceMs"/>: what arrives meanwhile is stale and dropped.</summary>
    private void Send(byte[] request, int expectedLength)
    {
        _link.DiscardInput();
        while (_link.ReadByte(SilenceMs) >= 0)
        {
        }
        _link.Write(request, request.Length);
        _lastRequest = request;
        _lastExpectedLength = expectedLength;
        _lastSentMs = _clock.NowMs;
    }

    private ModbusStatus Receive(byte slave, byte function, int expectedLength, int waitMs, out byte exceptionCode)
    {
        exceptionCode = 0;
        var deadlineMs = _clock.NowMs + waitMs;
        int first;
        while (true)
        {
            var leftMs = deadlineMs - _clock.NowMs;
            first = leftMs > 0 ? _link.ReadByte((int)leftMs) : -1;
            if (first < 0)
                return ModbusStatus.Timeout;
            if (first == slave)
                break;
            SkipFrame(); // another address's frame, a late answer to an earlier request: not the answer to this one
        }
        _frame[0] = (byte)first;
        var length = 1;
        var wanted = expectedLength;
        while (length < wanted)
        {
            var next = _link.ReadByte(InterByteTimeoutMs);
            if (next < 0)
                return ModbusStatus.CrcError; // the answer broke off
            _frame[length++] = (byte)next;
            if (length == 2 && _frame[1] == (function | 0x80))
                wanted = 5; // exception answer: address, function | 0x80, code, CRC
        }
        if (!Crc16.Check(_frame.AsSpan(0, length)))
            return ModbusStatus.CrcError;
        if (_frame[1] == (function | 0x80))
        {
            exceptionCode = _frame[2];
            return ModbusStatus.SlaveException;
        }
        return _frame[1] == function ? ModbusStatus.Ok : ModbusStatus.CrcError;
    }

    /// <summary>Reads the rest of a frame whose address byte was taken: its length from its function (and byte count).</summary>
    private void SkipFrame()
    {
        var function = _link.ReadByte(InterByteTimeoutMs);
        if (function < 0)
            return;
        int rest; // after address and function, CRC included
        if ((function & 0x80) != 0)
            rest = 3;
        else if (function is 3 or 4)
        {
            var bytes = _link.ReadByte(InterByteTimeoutMs);
            rest = bytes < 0 ? 0 : bytes + 2;
        }
        else
            rest = 6;
        for (var i = 0; i < rest && _link.ReadByte(InterByteTimeoutMs) >= 0; i++)
        {
        }
    }

    private static void PutWord(byte[] frame, int at, ushort value)
    {
        frame[at] = (byte)(value >> 8);
        frame[at + 1] = (byte)value;
    }

    private sealed class StopwatchClock : IMonotonicClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public long NowMs => _watch.ElapsedMilliseconds;
    }
}
