using System.Diagnostics;
using System.Text.RegularExpressions;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The interactive PileSim without --broker starts a broker of its own and prints the lines to watch the pile and to send
/// it a command; the test runs those very lines with mosquitto_sub and mosquitto_pub against it.
/// </summary>
public class EmbeddedBrokerTests
{
    [Fact]
    public async Task TheInteractivePileStartsAnEmbeddedBrokerAndPrintsTheLinesThatReachIt()
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

            using var watcher = Shell(watch.Trim() + " -C 1 -W 10"); // the first message, within 10 s
            var heard = watcher.StandardOutput.ReadLineAsync();
            // sent until the watcher, subscribing meanwhile, hears one
            for (var tries = 0; await Task.WhenAny(heard, Task.Delay(200)) != heard && tries < 40; tries++)
                Assert.Equal(0, Run(command.Trim()));
            if (!heard.IsCompleted)
                Assert.Fail("mosquitto_sub heard nothing: " + watcher.StandardError.ReadToEnd());
            Assert.Equal("piles/cc-0042/cmd {\"v\":1,\"id\":\"c1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}", await heard);
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
