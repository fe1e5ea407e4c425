using System;

namespace ChargeController.Hal
{
    /// <summary>
    /// The pile's own Modbus RTU master (functions 03, 04 and 16) over a serial line, the same code on the device (the
    /// meter bus on COM3) and in MeterProbe on a laptop. The rules it keeps, which a slow meter or a shared bus needs:
    /// before each request the input is emptied and the line has been silent for 3.5 character times (RTU's frame gap);
    /// an answer is a whole frame, with a good CRC, from the slave asked, that answers the question asked. Anything else
    /// (another address's frame, a damaged frame, a late answer to an earlier request) is read past until the response
    /// timeout. Frames live in buffers allocated once: a request allocates nothing.
    /// </summary>
    public sealed class RtuMaster : IModbusMaster
    {
        /// <summary>Once a frame has started, its bytes follow each other closely; a longer gap means it broke off.</summary>
        public const int InterByteTimeoutMs = 50;
        /// <summary>The most registers one request reads (the byte count of the answer is one byte).</summary>
        public const int MaxReadRegisters = 125;
        /// <summary>The most registers one write carries (the request's byte count is one byte, the frame at most 256).</summary>
        public const int MaxWriteRegisters = 123;

        private const int ReadHolding = 3;
        private const int ReadInput = 4;
        private const int WriteMultiple = 16;
        private const int ExceptionFlag = 0x80;

        private readonly ISerialLine _line;
        private readonly IMonotonicClock _clock;
        private readonly int _responseTimeoutMs;
        private readonly byte[] _request = new byte[256];
        private readonly byte[] _answer = new byte[260]; // address, function, byte count, 255 data bytes, CRC
        private long _sentMs;

        /// <param name="clock">what the silence and the timeouts are measured on</param>
        /// <param name="stopBits">1 or 2</param>
        public RtuMaster(ISerialLine line, IMonotonicClock clock, int baud, SerialParity parity, int stopBits, int responseTimeoutMs)
        {
            _line = line;
            _clock = clock;
            _responseTimeoutMs = responseTimeoutMs;
            SilenceMs = SilenceBefore(baud, parity, stopBits);
        }

        /// <summary>How long the line is quiet before each request, in whole milliseconds (<see cref="SilenceBefore"/>).</summary>
        public int SilenceMs { get; }

        /// <summary>
        /// 3.5 character times (a character: start bit, 8 data bits, the parity bit if any, the stop bits), above 19200 baud
        /// the fixed 1.75 ms of the Modbus serial line specification; rounded up to whole milliseconds, and one more because
        /// a millisecond clock can tell a silence up to a millisecond longer than it was.
        /// </summary>
        public static int SilenceBefore(int baud, SerialParity parity, int stopBits)
        {
            var bits = 1 + 8 + (parity == SerialParity.None ? 0 : 1) + stopBits;
            var silenceUs = baud > 19200 ? 1750 : (35L * bits * 100000 + baud - 1) / baud;
            return (int)((silenceUs + 999) / 1000) + 1;
        }

        public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Read(ReadHolding, slave, start, count, into, out exceptionCode);

        public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Read(ReadInput, slave, start, count, into, out exceptionCode);

        public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
        {
            if (count == 0 || count > MaxWriteRegisters || count > values.Length)
                throw new ArgumentOutOfRangeException("count");
            Frame(slave, WriteMultiple, start, count);
            _request[6] = (byte)(2 * count);
            for (var i = 0; i < count; i++)
                PutWord(_request, 7 + 2 * i, values[i]);
            ModbusCrc.Append(_request, 7 + 2 * count);
            Send(9 + 2 * count);
            return Receive(_sentMs + _responseTimeoutMs, out exceptionCode);
        }

        /// <summary>
        /// After a request that timed out, listens on for its answer until <paramref name="waitMs"/> after it was sent, for
        /// the commissioning tool to tell a slow meter from a silent one: how long the slave took to answer whole, or -1
        /// when no answer to that request came in that time.
        /// </summary>
        public int LateAnswerMs(int waitMs)
        {
            var status = Receive(_sentMs + waitMs, out _);
            if (status != ModbusStatus.Ok && status != ModbusStatus.SlaveException)
                return -1;
            return (int)(_clock.NowMs - _sentMs);
        }

        private ModbusStatus Read(int function, byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            if (count == 0 || count > MaxReadRegisters || count > into.Length)
                throw new ArgumentOutOfRangeException("count");
            Frame(slave, function, start, count);
            ModbusCrc.Append(_request, 6);
            Send(8);
            var status = Receive(_sentMs + _responseTimeoutMs, out exceptionCode);
            if (status != ModbusStatus.Ok)
                return status;
            for (var i = 0; i < count; i++)
                into[i] = (ushort)(_answer[3 + 2 * i] << 8 | _answer[4 + 2 * i]);
            return ModbusStatus.Ok;
        }

        private void Frame(byte slave, int function, ushort start, ushort count)
        {
            _request[0] = slave;
            _request[1] = (byte)function;
            PutWord(_request, 2, start);
            PutWord(_request, 4, count);
        }

        /// <summary>
        /// Empties the input, then sends once nothing has arrived for <see cref="SilenceMs"/>: a byte arriving meanwhile (a
        /// late answer still on the wire) is dropped and the silence starts again.
        /// </summary>
        private void Send(int length)
        {
            _line.DiscardInput();
            var quietSinceMs = _clock.NowMs;
            var giveUpMs = quietSinceMs + _responseTimeoutMs + SilenceMs;
            while (true)
            {
                var nowMs = _clock.NowMs;
                var quietMs = nowMs - quietSinceMs;
                if (quietMs >= SilenceMs || nowMs >= giveUpMs)
                    break; // a line that never falls quiet is noise: the request goes anyway and its answer will show it
                if (_line.ReadByte((int)(SilenceMs - quietMs)) >= 0)
                    quietSinceMs = _clock.NowMs;
            }
            _line.Write(_request, length);
            _sentMs = _clock.NowMs;
        }

        /// <summary>
        /// Reads frames until one answers the request in <see cref="_request"/> or <paramref name="deadlineMs"/> passes.
        /// A timeout after damaged frames is a CRC error: something answered, but nothing readable.
        /// </summary>
        private ModbusStatus Receive(long deadlineMs, out byte exceptionCode)
        {
            exceptionCode = 0;
            var damaged = false;
            while (true)
            {
                var leftMs = deadlineMs - _clock.NowMs;
                var first = leftMs > 0 ? _line.ReadByte((int)leftMs) : -1;
                if (first < 0)
                    return damaged ? ModbusStatus.CrcError : ModbusStatus.Timeout;
                var length = ReadFrame(first);
                if (length == 0)
                {
                    damaged = true;
                    continue;
                }
                if (_answer[0] != _request[0])
                    continue; // another slave's frame: not the answer to this request
                if (_answer[1] == (_request[1] | ExceptionFlag) && length == 5)
                {
                    exceptionCode = _answer[2];
                    return ModbusStatus.SlaveException;
                }
                if (Answers(length))
                    return ModbusStatus.Ok;
                // from the slave asked, but to another question: an earlier request's late answer
            }
        }

        /// <summary>Whether the whole, checked frame in <see cref="_answer"/> answers the request's function and size.</summary>
        private bool Answers(int length)
        {
            if (_answer[1] != _request[1])
                return false;
            if (_request[1] == WriteMultiple)
                return length == 8 && _answer[2] == _request[2] && _answer[3] == _request[3] && _answer[4] == _request[4] &&
                       _answer[5] == _request[5];
            var bytes = 2 * (_request[4] << 8 | _request[5]);
            return _answer[2] == bytes && length == 5 + bytes;
        }

        /// <summary>
        /// Reads the rest of a frame whose first byte has come, its length told by its function (and byte count).
        /// </summary>
        /// <returns>its length when it came whole with a good CRC, 0 when it is damaged, broken off or unknown</returns>
        private int ReadFrame(int first)
        {
            _answer[0] = (byte)first;
            var function = _line.ReadByte(InterByteTimeoutMs);
            if (function < 0)
                return 0;
            _answer[1] = (byte)function;
            int length;
            if ((function & ExceptionFlag) != 0)
                length = 5;
            else if (function == ReadHolding || function == ReadInput)
            {
                var bytes = _line.ReadByte(InterByteTimeoutMs);
                if (bytes < 0)
                    return 0;
                _answer[2] = (byte)bytes;
                length = 5 + bytes;
            }
            else if (function == WriteMultiple)
                length = 8;
            else
                return 0; // a function this master never asks: its length is unknown, so its bytes are read as noise
            for (var at = function == ReadHolding || function == ReadInput ? 3 : 2; at < length; at++)
            {
                var next = _line.ReadByte(InterByteTimeoutMs);
                if (next < 0)
                    return 0;
                _answer[at] = (byte)next;
            }
            return ModbusCrc.Matches(_answer, length) ? length : 0;
        }

        private static void PutWord(byte[] frame, int at, ushort value)
        {
            frame[at] = (byte)(value >> 8);
            frame[at + 1] = (byte)value;
        }
    }
}
