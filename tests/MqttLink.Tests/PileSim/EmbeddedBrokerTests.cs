using System.Diagnostics;
using System.Text.RegularExpressions;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The interactive PileSim without --broker starts a broker of its own and prints the lines to watch the pile and to send
/// it a command; the test runs those very lines with mosquitto_sub and mosquitto_pub against it: the watcher sees the
/// pile's retained status, the command and the pile's answer to it.
/// </summary>
public class EmbeddedBrokerTests
{
    [Fact]
    public void TheInteractivePileStartsAnEmbeddedBrokerAndPrintsTheLinesThatReachIt()
    {
        RequiredProgram.Find("mosquitto_sub", "mosquitto-clients");
        RequiredProgram.Find("mosquitto_pub", "mosquitto-clients");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PileSim.dll"), "--pile-id", "cc-0042" })
            start.ArgumentList.Add(argument);
        using var pileSim = Process.Start(start)!;
        try
        {
            var watch = LineAfter(pileSim, "Watch it:");
            var port = Regex.Match(watch, "^  mosquitto_sub -h 127\\.0\\.0\\.1 -p (\\d+) -i watch-cc-0042 -t 'piles/cc-0042/#' -v$");
            Assert.True(port.Success, watch);
            var command = LineAfter(pileSim, "Send it a command:");
            Assert.Equal($"  mosquitto_pub -h 127.0.0.1 -p {port.Groups[1].Value} -i platform-cc-0042 -t 'piles/cc-0042/cmd' -q 1 -m " +
                "'{\"v\":1,\"id\":\"c1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}'", command);

            using var watcher = Shell(watch.Trim() + " -W 30");
            try
            {
                // what the pile's network thread publishes: its retained status first, so the watcher is subscribed
                var status = NextLine(watcher, "piles/cc-0042/status ");
                Assert.Contains("\"pile\":\"cc-0042\",\"online\":true", status);
                Assert.Equal(0, Run(command.Trim()));
                Assert.Equal("piles/cc-0042/cmd {\"v\":1,\"id\":\"c1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}",
                    NextLine(watcher, "piles/cc-0042/cmd "));
                Assert.StartsWith("piles/cc-0042/cmd/result {\"v\":1,\"id\":\"c1\",\"status\":\"Accepted\"", NextLine(watcher, "piles/cc-0042/cmd/result "));
            }
            finally
            {
                watcher.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            pileSim.StandardInput.WriteLine("quit");
            pileSim.StandardInput.Close();
            if (!pileSim.WaitForExit(20_000))
                pileSim.Kill();
        }
        Assert.Equal(0, pileSim.ExitCode);
    }

    /// <summary>The next line the watcher prints that starts with <paramref name="start"/> (within its -W limit).</summary>
    private static string NextLine(Process watcher, string start)
    {
        string? line;
        do
        {
            line = watcher.StandardOutput.ReadLine();
            if (line == null)
                Assert.Fail("mosquitto_sub printed no line starting with '" + start + "': " + watcher.StandardError.ReadToEnd());
        } while (!line!.StartsWith(start));
        return line;
    }

    /// <summary>The line after the one that ends with <paramref name="end"/>, as PileSim prints it.</summary>
    private static string LineAfter(Process process, string end)
    {
        string? line;
        do
        {
            var next = process.StandardOutput.ReadLineAsync(new CancellationTokenSource(20_000).Token).AsTask();
            line = next.GetAwaiter().GetResult();
            if (line == null)
                Assert.Fail("PileSim ended before a line ending with '" + end + "': " + process.StandardError.ReadToEnd());
        } while (!line!.EndsWith(end));
        var after = process.StandardOutput.ReadLine();
        return after ?? throw new InvalidOperationException("PileSim ended after '" + end + "'");
    }

    private static Process Shell(string commandLine)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        return Process.Start(start)!;
    }

    private static int Run(string commandLine)
    {
        using var shell = Shell(commandLine);
        shell.WaitForExit();
        return shell.ExitCode;
    }
}
