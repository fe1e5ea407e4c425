using System.IO.Ports;

namespace ChargeController.MeterProbe;

/// <summary>A USB-RS485 adapter (or a pseudo-terminal) through System.IO.Ports.</summary>
public sealed class SerialLink : ISerialLink
{
    private readonly SerialPort _port;

    public SerialLink(string portName, int baud, Parity parity)
    {
        _port = new SerialPort(portName, baud, parity, 8, StopBits.One) { Handshake = Handshake.None };
        _port.Open();
    }

    public void Write(byte[] data, int count) => _port.Write(data, 0, count);

    public int ReadByte(int timeoutMs)
    {
        _port.ReadTimeout = Math.Max(1, timeoutMs);
        try
        {
            return _port.ReadByte();
        }
        catch (TimeoutException)
        {
            return -1;
        }
    }

    public void DiscardInput() => _port.DiscardInBuffer();

    public void Dispose() => _port.Dispose();
}
