namespace ChargeController.MeterProbe;

/// <summary>Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first.</summary>
public static class Crc16
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
        }
        return crc;
    }

    public static void Append(Span<byte> frame, int length)
    {
        var crc = Compute(frame[..length]);
        frame[length] = (byte)crc;
        frame[length + 1] = (byte)(crc >> 8);
    }

    public static bool Check(ReadOnlySpan<byte> frame) =>
        frame.Length >= 4 && Compute(frame[..^2]) == (frame[^2] | frame[^1] << 8);
}
