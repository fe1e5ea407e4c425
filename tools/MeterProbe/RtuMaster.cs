using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>
/// A Modbus RTU master (functions 03, 04 and 16) over a serial link: the host-side twin of what the ESP32 adapter does
/// with the nanoFramework Modbus library, implementing the firmware's own port.
/// </summary>
public sealed class RtuMaster : IModbusMaster
{
    /// <summary>Once an answer has started, its bytes follow each other closely; a longer gap ends it.</summary>
    public const int InterByteTimeoutMs = 50;

    private readonly ISerialLink _link;
    private readonly int _responseTimeoutMs;
    private readonly byte[] _frame = new byte[256];

    public RtuMaster(ISerialLink link, int responseTimeoutMs)
    {
        _link = link;
        _responseTimeoutMs = responseTimeoutMs;
    }

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
        Send(request);
        return Receive(slave, 16, expectedLength: 8, out exceptionCode);
    }

    private ModbusStatus Read(byte function, byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
    {
        var request = new byte[8];
        request[0] = slave;
        request[1] = function;
        PutWord(request, 2, start);
        PutWord(request, 4, count);
        Crc16.Append(request, 6);
        Send(request);
        var status = Receive(slave, function, expectedLength: 5 + 2 * count, out exceptionCode);
        if (status != ModbusStatus.Ok)
            return status;
        if (_frame[2] != 2 * count)
            return ModbusStatus.CrcError; // a well-checksummed answer to some other question: treat as garbled
        for (var i = 0; i < count; i++)
            into[i] = (ushort)(_frame[3 + 2 * i] << 8 | _frame[4 + 2 * i]);
        return ModbusStatus.Ok;
    }

    private void Send(byte[] request)
    {
        _link.DiscardInput();
        _link.Write(request, request.Length);
    }

    private ModbusStatus Receive(byte slave, byte function, int expectedLength, out byte exceptionCode)
    {
        exceptionCode = 0;
        var first = _link.ReadByte(_responseTimeoutMs);
        if (first < 0)
            return ModbusStatus.Timeout;
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
        if (!Crc16.Check(_frame.AsSpan(0, length)) || _frame[0] != slave)
            return ModbusStatus.CrcError;
        if (_frame[1] == (function | 0x80))
        {
            exceptionCode = _frame[2];
            return ModbusStatus.SlaveException;
        }
        return _frame[1] == function ? ModbusStatus.Ok : ModbusStatus.CrcError;
    }

    private static void PutWord(byte[] frame, int at, ushort value)
    {
        frame[at] = (byte)(value >> 8);
        frame[at + 1] = (byte)value;
    }
}
