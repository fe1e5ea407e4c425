using System.Text;

namespace ChargeController.UpdateServer;

/// <summary>
/// The binary answer on &lt;root&gt;/update/data (docs/mqtt-api.md, Updates): `CCU1`, the file name's length (1 byte)
/// and its ASCII bytes, the offset and the file's total size (4 bytes each, big-endian), then at most
/// <see cref="MaxDataBytes"/> bytes of the file from that offset. A total of 0 with no data says the server does not
/// have that package or file.
/// </summary>
public static class ChunkAnswer
{
    public const int MaxDataBytes = 2048;
    public static readonly byte[] Magic = "CCU1"u8.ToArray();

    public static byte[] Encode(string file, int offset, int totalBytes, ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxDataBytes)
            throw new ArgumentException($"an answer carries at most {MaxDataBytes} bytes", nameof(data));
        var name = Encoding.ASCII.GetBytes(file);
        var frame = new byte[Magic.Length + 1 + name.Length + 8 + data.Length];
        Magic.CopyTo(frame, 0);
        frame[4] = (byte)name.Length;
        name.CopyTo(frame, 5);
        var at = 5 + name.Length;
        WriteInt(frame, at, offset);
        WriteInt(frame, at + 4, totalBytes);
        data.CopyTo(frame.AsSpan(at + 8));
        return frame;
    }

    /// <summary>The answer for a package or file the server does not have.</summary>
    public static byte[] NotFound(string file, int offset) => Encode(file, offset, 0, ReadOnlySpan<byte>.Empty);

    private static void WriteInt(byte[] into, int at, int value)
    {
        into[at] = (byte)(value >> 24);
        into[at + 1] = (byte)(value >> 16);
        into[at + 2] = (byte)(value >> 8);
        into[at + 3] = (byte)value;
    }
}
