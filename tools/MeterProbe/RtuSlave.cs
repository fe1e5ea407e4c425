using ChargeController.Hal;
using ChargeController.Sim.Metering;

namespace ChargeController.MeterProbe;

/// <summary>
/// A simulated meter on a serial link, answering Modbus RTU requests from the firmware's simulated meter (register
/// level, the real model's encoding). For integrators testing an RS485 adapter and wiring without a meter, and for the
/// end-to-end tests of MeterProbe. It can answer with a broken CRC to show what noise looks like.
/// </summary>
public sealed class RtuSlave
{
    private readonly ISerialLink _link;
    private readonly SimMeter _meter;
    private readonly byte[] _request = new byte[8];
    private readonly ushort[] _words = new ushort[125];

    public RtuSlave(ISerialLink link, SimMeter meter)
    {
        _link = link;
        _meter = meter;
    }

    public bool CorruptCrc { get; set; }
    public int Answered { get; private set; }

    /// <summary>Answers requests until cancelled.</summary>
    public void Serve(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var first = _link.ReadByte(100);
            if (first < 0)
                continue;
            _request[0] = (byte)first;
            var length = 1;
            while (length < _request.Length)
            {
                var next = _link.ReadByte(RtuMaster.InterByteTimeoutMs);
                if (next < 0)
                    break;
                _request[length++] = (byte)next;
            }
            var answer = length == _request.Length ? AnswerTo(_request) : null;
            if (answer != null)
            {
                _link.Write(answer, answer.Length);
                Answered++;
            }
        }
    }

    /// <summary>The answer to an 8-byte read request, or null when the meter stays silent (another address, a bad CRC, offline).</summary>
    public byte[]? AnswerTo(byte[] request)
    {
        if (!ModbusCrc.Matches(request, 8) || request[0] != _meter.Address)
            return null;
        var function = request[1];
        var start = (ushort)(request[2] << 8 | request[3]);
        var count = (ushort)(request[4] << 8 | request[5]);
        byte[] answer;
        if (count is 0 or > 125)
            answer = Exception(function, 3);
        else
        {
            var status = _meter.Read(function, start, count, _words, out var code);
            if (status == ModbusStatus.Timeout)
                return null; // an offline meter stays silent
            if (status == ModbusStatus.SlaveException)
                answer = Exception(function, code);
            else
            {
                answer = new byte[5 + 2 * count];
                answer[0] = _meter.Address;
                answer[1] = function;
                answer[2] = (byte)(2 * count);
                for (var i = 0; i < count; i++)
                {
                    answer[3 + 2 * i] = (byte)(_words[i] >> 8);
                    answer[4 + 2 * i] = (byte)_words[i];
                }
                ModbusCrc.Append(answer, answer.Length - 2);
            }
        }
        if (CorruptCrc)
            answer[^1] ^= 0x5A;
        return answer;
    }

    private byte[] Exception(byte function, byte code)
    {
        var answer = new byte[] { _meter.Address, (byte)(function | 0x80), code, 0, 0 };
        ModbusCrc.Append(answer, 3);
        return answer;
    }
}
