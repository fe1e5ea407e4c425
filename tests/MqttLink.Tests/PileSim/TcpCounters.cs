using System.Diagnostics;
using System.Text.RegularExpressions;
using ChargeController.TestSupport;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The kernel's counters (<see cref="TcpTraffic"/>) of a connection this process holds no socket of: the simulated
/// pile's, inside MQTTnet, read from outside with `ss -ti`.
/// </summary>
public static class TcpCounters
{
    /// <summary>The counters of the one established connection from this host to 127.0.0.1:<paramref name="port"/>.</summary>
    public static TcpTraffic ToPort(int port)
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
        return new TcpTraffic(Field(text, "bytes_sent"), Field(text, "bytes_received"), Field(text, "segs_out"), Field(text, "segs_in"));
    }

    private static long Field(string text, string name)
    {
        var match = Regex.Match(text, $@"\b{name}:(\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value) : 0;
    }
}
