using System.Buffers.Binary;
using System.Net.Sockets;

namespace ChargeController.MqttLink;

/// <summary>
/// The kernel's counters of TCP connections (what `ss -ti` shows): payload bytes each way and segments each way, the
/// handshake, bare acknowledgements and retransmissions included. What goes on the wire at the IP layer is the payload
/// plus an IP and TCP header on every segment. "Sent" is the side the counters were read on.
/// </summary>
public readonly record struct TcpTraffic(long BytesSent, long BytesReceived, long SegmentsOut, long SegmentsIn)
{
    /// <summary>IPv4 and TCP headers as Linux sends them here: 20 + 20 bytes and 12 of the timestamp option.</summary>
    public const int LinuxHeaderBytes = 52;
    /// <summary>IPv4 and TCP headers without options: what lwIP (the device's stack, built without TCP timestamps) sends.</summary>
    public const int PlainHeaderBytes = 40;

    private const int TcpInfo = 11; // TCP_INFO, at level IPPROTO_TCP
    private const int BytesReceivedAt = 128, SegmentsOutAt = 136, SegmentsInAt = 140, BytesSentAt = 200; // in struct tcp_info

    public long Segments => SegmentsOut + SegmentsIn;

    /// <summary>IP bytes both ways with <paramref name="headerBytes"/> of headers on each segment.</summary>
    public long IpBytes(int headerBytes) => BytesSent + BytesReceived + Segments * headerBytes;

    public static TcpTraffic operator +(TcpTraffic a, TcpTraffic b) =>
        new(a.BytesSent + b.BytesSent, a.BytesReceived + b.BytesReceived, a.SegmentsOut + b.SegmentsOut, a.SegmentsIn + b.SegmentsIn);

    public static TcpTraffic operator -(TcpTraffic a, TcpTraffic b) =>
        new(a.BytesSent - b.BytesSent, a.BytesReceived - b.BytesReceived, a.SegmentsOut - b.SegmentsOut, a.SegmentsIn - b.SegmentsIn);

    /// <summary>The counters of <paramref name="socket"/> (Linux's TCP_INFO); zero where the kernel gives none (no socket, not Linux, closed, older than 4.19).</summary>
    public static TcpTraffic Of(Socket? socket)
    {
        if (socket == null || !OperatingSystem.IsLinux())
            return default;
        Span<byte> info = stackalloc byte[256];
        int length;
        try
        {
            length = socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfo, info);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return default;
        }
        if (length < BytesSentAt + 8)
            return default;
        return new TcpTraffic(
            BinaryPrimitives.ReadInt64LittleEndian(info[BytesSentAt..]), BinaryPrimitives.ReadInt64LittleEndian(info[BytesReceivedAt..]),
            BinaryPrimitives.ReadUInt32LittleEndian(info[SegmentsOutAt..]), BinaryPrimitives.ReadUInt32LittleEndian(info[SegmentsInAt..]));
    }
}
