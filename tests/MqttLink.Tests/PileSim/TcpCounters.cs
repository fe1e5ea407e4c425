using System.Diagnostics;
using System.Text.RegularExpressions;
using ChargeController.TestSupport;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The kernel's counters of one established TCP connection (`ss -ti`): payload bytes each way and segments each way,
/// pure acknowledgements, handshake and retransmissions included. What goes on the wire at the IP layer is the payload
/// plus an IP and TCP header on every segment.
/// </summary>
public sealed record TcpCounters(long BytesSent, long BytesReceived, long SegmentsOut, long SegmentsIn)
{
    /// <summary>IPv4 and TCP headers as Linux sends them here: 20 + 20 bytes and 12 of the timestamp option.</summary>
    public const int LinuxHeaderBytes = 52;
    /// <summary>IPv4 and TCP headers without options: what lwIP (the device's stack, built without TCP timestamps) sends.</summary>
    public const int PlainHeaderBytes = 40;

    public static readonly TcpCounters Zero = new(0, 0, 0, 0);

    public long Segments => SegmentsOut + SegmentsIn;

    /// <summary>IP bytes both ways with <paramref name="headerBytes"/> of headers on each segment.</summary>
    public long IpBytes(int headerBytes) => BytesSent + BytesReceived + Segments * headerBytes;

    public static TcpCounters operator -(TcpCounters a, TcpCounters b) =>
        new(a.BytesSent - b.BytesSent, a.BytesReceived - b.BytesReceived, a.SegmentsOut - b.SegmentsOut, a.SegmentsIn - b.SegmentsIn);

    /// <summary>The counters of the one established connection from this host to 127.0.0.1:<paramref name="port"/>.</summary>
    public static TcpCounters ToPort(int port)
    {
        var ss = RequiredProgram.Find("ss", "iproute2");
        using var process = Process.Start(new ProcessStartInfo(ss, new[] { "-tinH", "state", "established", $"( dport = :{port} )" })
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var connections = Regex.Matches(text, @"\bsegs_out:\d+").Count;
        if (connections != 1)
            throw new InvalidOperationException($"expected one connection to port {port}, ss shows {connections}:\n{text}");
        return new TcpCounters(Field(text, "bytes_sent"), Field(text, "bytes_received"), Field(text, "segs_out"), Field(text, "segs_in"));
    }

    private static long Field(string text, string name)
    {
        var match = Regex.Match(text, $@"\b{name}:(\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value) : 0;
    }
}
