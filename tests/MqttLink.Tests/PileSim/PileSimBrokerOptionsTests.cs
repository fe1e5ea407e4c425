using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// PileSim's broker options as a user mistypes them: bad usage exits 2 with the problem and the usage, a CA file or a
/// broker that cannot serve exits 1 with one line; nothing runs then.
/// </summary>
public class PileSimBrokerOptionsTests
{
    private static readonly string Scenario = Temp("s.scn", "0s plug 16A\n5s end\n");

    internal static string Temp(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilesim-broker-").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>`run` with the scenario, or the interactive pile (no input) when the first argument is not "run".</summary>
    private static ToolRun PileSim(params string[] arguments) =>
        ToolRun.Of("PileSim", null, arguments.Length > 0 && arguments[0] == "run" ? arguments.Take(1).Append(Scenario).Concat(arguments.Skip(1)).ToArray() : arguments);

    [Theory]
    [InlineData("--broker takes host:port (e.g. 127.0.0.1:1883, [::1]:8883), not 'localhost'", "run", "--broker", "localhost")]
    [InlineData("--broker takes host:port (e.g. 127.0.0.1:1883, [::1]:8883), not '::1:1883'", "run", "--broker", "::1:1883")]
    [InlineData("--broker 127.0.0.1:0: the port must be a number from 1 to 65535, not '0'", "run", "--broker", "127.0.0.1:0")]
    [InlineData("--broker 127.0.0.1:http: the port must be a number from 1 to 65535, not 'http'", "--broker", "127.0.0.1:http")]
    [InlineData("--broker 127.0.0.1:65536: the port must be a number from 1 to 65535, not '65536'", "--broker", "127.0.0.1:65536")]
    [InlineData("--broker bad host:1883: 'bad host' is not a host name or IP address", "run", "--broker", "bad host:1883")]
    [InlineData("--broker needs a value (host:port[,...])", "run", "--broker")]
    [InlineData("--broker 127.0.0.1:x: the port must be a number from 1 to 65535, not 'x'", "run", "--broker", "127.0.0.1:1883,127.0.0.1:x")]
    [InlineData("--broker names 5 brokers: a pile takes at most 4", "run", "--broker", "a:1,b:1,c:1,d:1,e:1")]
    [InlineData("--password needs --user (the pile's user name on the broker)", "run", "--broker", "127.0.0.1:1883", "--password", "pw")]
    [InlineData("--user needs a name", "--broker", "127.0.0.1:1883", "--user", "")]
    [InlineData("--user needs --broker host:port (without it the pile talks to the simulated broker)", "run", "--user", "cc-0001")]
    [InlineData("--pile-id needs --broker host:port (without it the pile talks to the simulated broker)", "run", "--pile-id", "cc-0002")]
    [InlineData("--tls-ca needs --broker host:port (the embedded broker has no TLS and takes anyone)", "--tls-ca", "ca.pem")]
    [InlineData("--password needs --broker host:port (the embedded broker has no TLS and takes anyone)", "--password", "pw")]
    [InlineData("--pile-id 'a/b': 1 to 32 letters, digits, '-', '_' or '.' (it names the pile's topics and its MQTT client)", "--pile-id", "a/b")]
    [InlineData("--pile-id '': 1 to 32 letters, digits, '-', '_' or '.' (it names the pile's topics and its MQTT client)", "run", "--broker", "127.0.0.1:1883", "--pile-id", "")]
    [InlineData("--memory measures the simulated pile alone: leave out --broker", "run", "--memory", "--broker", "127.0.0.1:1883")]
    public void ABadBrokerOptionIsBadUsage(string problem, params string[] arguments)
    {
        var run = PileSim(arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("PileSim: " + problem + "\nusage:", run.Errors);
    }

    [Fact]
    public void ACaFileThatIsNoneFailsBeforeAnythingRuns()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "ca.pem");
        AssertFails(PileSim("run", "--broker", "127.0.0.1:8883", "--tls-ca", missing), $"--tls-ca {missing}: no such file");
        var text = Temp("ca.pem", "not a certificate\n");
        AssertFails(PileSim("--broker", "127.0.0.1:8883", "--tls-ca", text), $"--tls-ca {text} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        var folder = Path.GetDirectoryName(text)!;
        AssertFails(PileSim("run", "--broker", "127.0.0.1:8883", "--tls-ca", folder), $"--tls-ca {folder} is a directory: name the CA's certificate file (PEM) in it");
    }

    [Fact]
    public void ABrokerThatCannotBeReachedIsNamedWithTheReason()
    {
        var port = LoopbackPort.Free();
        AssertFails(PileSim("run", "--broker", "127.0.0.1:" + port),
            $"no connection to the broker at 127.0.0.1:{port}: is it running, and is that its port? (--broker)");
        AssertFails(PileSim("--broker", "broker.does-not-exist.invalid:1883"),
            "the broker's name 'broker.does-not-exist.invalid' does not resolve (--broker)");
    }

    /// <summary>A failure: nothing on stdout, one line on stderr.</summary>
    internal static void AssertFails(ToolRun run, string problem)
    {
        Assert.Equal("", run.Output);
        Assert.Equal("PileSim: " + problem + "\n", run.Errors);
        Assert.Equal(1, run.ExitCode);
    }
}
