using System.Diagnostics;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileUpdate;

/// <summary>`PileUpdate serve` on the county's mosquitto answers a pile's chunk request; a wrong command line is exit 2.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ServeOnMosquittoTests(BrokerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void ServeAnswersAChunkRequestWithTheBinaryAnswer()
    {
        var broker = fixture.Broker;
        Assert.Equal(0, ToolRun.Of("PileUpdate", null, "keygen", "--out", Path.Combine(_dir, "keys"), "--key-id", "op-s").ExitCode);
        var file = Path.Combine(_dir, "App.pe");
        File.WriteAllBytes(file, "0123456789"u8.ToArray());
        var package = Path.Combine(_dir, "package");
        var pack = ToolRun.Of("PileUpdate", null, "pack", "--key", Path.Combine(_dir, "keys", "update-private.pem"), "--version", "1.4.0",
            "--board", "esp32-wrover", "--expires-days", "90", "--out", package, file);
        Assert.True(pack.ExitCode == 0, pack.Errors);

        using var platform = new Platform(broker, topics: "piles/cc-0003/update/data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PileUpdate.dll"), "serve", "--broker", "127.0.0.1:" + broker.Port,
                     "--user", Mosquitto.Platform, "--password", Mosquitto.PasswordOf(Mosquitto.Platform), package })
            start.ArgumentList.Add(argument);
        using var serve = Process.Start(start)!;
        try
        {
            Assert.Equal($"PileUpdate: serving cc-1.4.0 (version 1.4.0) from {package}", serve.StandardOutput.ReadLine());
            // asked until serve has subscribed (the request is QoS 0, as a pile's)
            var request = "{\"v\":1,\"pile\":\"cc-0003\",\"package\":\"cc-1.4.0\",\"file\":\"App.pe\",\"offset\":4,\"length\":2048}";
            string? answer = null;
            for (var i = 0; i < 50 && answer == null; i++)
            {
                platform.Send("piles/cc-0003/update/get", request);
                try { answer = platform.Next("piles/cc-0003/update/data", 200).Text; }
                catch (TimeoutException) { }
            }
            // CCU1, the name's length and the name, offset 4, total 10, the bytes from offset 4
            Assert.Equal("CCU1\u0006App.pe\0\0\0\u0004\0\0\0\u000a456789", answer);
        }
        finally
        {
            serve.Kill(true);
        }
    }

    [Theory]
    [InlineData("serve --broker 127.0.0.1:1883", "serve needs one or more package folders")]
    [InlineData("serve --broker nowhere somedir", "--broker takes host:port (e.g. 127.0.0.1:1883), not 'nowhere'")]
    [InlineData("rollout --broker 127.0.0.1:1883 --package p --canary cc-0001 --waves list:w", "rollout needs --stop-after N%")]
    [InlineData("rollout --broker 127.0.0.1:1883 --package p --canary cc-0001 --waves township --stop-after 5%",
        "--waves township groups the piles of --piles FILE: name it")]
    [InlineData("rollout --broker 127.0.0.1:1883 --package p --waves list:w --stop-after 5%", "rollout needs --canary id,id")]
    [InlineData("rollout --broker 127.0.0.1:1883 --package p --canary cc-0001 --waves list:w --stop-after 5% --window 1:00-5:00",
        "--window is HH:MM-HH:MM")]
    [InlineData("rollout --broker 127.0.0.1:1883 --package p --canary cc-0001 --waves list:w --stop-after 5% --window 02:00-02:00",
        "--window is HH:MM-HH:MM")]
    public void AWrongCommandLineIsExitTwoWithTheProblemOnStandardError(string arguments, string problem)
    {
        var run = ToolRun.Of("PileUpdate", null, arguments.Split(' '));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("PileUpdate: " + problem, run.Errors);
        Assert.Equal("", run.Output);
    }
}
