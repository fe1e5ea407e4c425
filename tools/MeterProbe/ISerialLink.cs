namespace ChargeController.MeterProbe;

/// <summary>The byte pipe under RTU framing: a serial port in the field, anything that moves bytes in tests.</summary>
public interface ISerialLink : IDisposable
{
    void Write(byte[] data, int count);

    /// <returns>the next byte, or -1 when none arrives within <paramref name="timeoutMs"/></returns>
    int ReadByte(int timeoutMs);

    /// <summary>Throws away whatever is waiting, so an answer is never mistaken for an old one.</summary>
    void DiscardInput();
}
