using System.Text.RegularExpressions;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>`PileSim run --broker` and the interactive pile against the county's mosquitto: credentials, TLS, the end of the trace.</summary>
[Collection(BrokerCollection.Name)]
public sealed class PileSimOnBrokerTests
{
    private const string Pile = "cc-0001";
    private static readonly string Scenario = PileSimBrokerOptionsTests.Temp("link.scn", "0s plug 16A\n1s ev ready\n10s link down\n20s link up\n30s end\n");

    private readonly Mosquitto _broker;

    public PileSimOnBrokerTests(BrokerFixture fixture) => _broker = fixture.Broker;

    private string[] AsThePile(int port, params string[] more) =>
        new[] { "--broker", "127.0.0.1:" + port, "--user", Pile, "--password", Mosquitto.PasswordOf(Pile), "--pile-id", Pile }.Concat(more).ToArray();

    private static ToolRun Run(params string[] arguments) => ToolRun.Of("PileSim", null, new[] { "run", Scenario }.Concat(arguments).ToArray());

    [Fact]
    public void RunConnectsAsThePileAndTheTraceEndsWithTheRecordsLeftInTheOutbox()
    {
        var connectedAsThePile = "New client connected from 127\\.0\\.0\\.1:\\d+ as " + Pile + " \\(.*u'" + Pile + "'\\)";
        var before = _broker.Logged(connectedAsThePile);
        var run = Run(AsThePile(_broker.Port));
        Assert.True(run.ExitCode == 0, run.Errors);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("{\"t\":0,\"ev\":\"boot\",\"reason\":\"PowerOn\",\"number\":1}", lines[0]);
        var end = Regex.Match(lines[^1], "^\\{\"t\":(\\d+),\"ev\":\"end\",\"outbox\":0\\}$");
        Assert.True(end.Success, lines[^1]);
        Assert.InRange(long.Parse(end.Groups[1].Value), 30_000, 40_000);
        Assert.Single(lines, l => l.Contains("\"ev\":\"end\""));
        Assert.True(_broker.Logs(connectedAsThePile, before), _broker.Log);
    }

    [Fact]
    public void APileWhosePublishesTheAclDeniesKeepsItsEventsAndRaisesLinkRefused()
    {
        // credentials of cc-0001 on a pile that publishes as cc-0002: the ACL lets it write only under piles/cc-0001/
        var scenario = PileSimBrokerOptionsTests.Temp("refused.scn", "0s plug 16A\n1s ev ready\n10s unplug\n30s end\n");
        var run = ToolRun.Of("PileSim", null, "run", scenario, "--broker", "127.0.0.1:" + _broker.Port, "--user", Pile,
            "--password", Mosquitto.PasswordOf(Pile), "--pile-id", "cc-0002");
        Assert.True(run.ExitCode == 0, run.Errors);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.Contains("\"ev\":\"link\"") && l.Contains("\"denied\""));
        Assert.Contains(lines, l => l.Contains("\"ev\":\"fault\"") && l.Contains("link-refused"));
        var end = Regex.Match(lines[^1], "^\\{\"t\":\\d+,\"ev\":\"end\",\"outbox\":(\\d+)\\}$");
        Assert.True(end.Success, lines[^1]);
        Assert.True(int.Parse(end.Groups[1].Value) >= 3, "refused events left the outbox: " + lines[^1]); // boot, session start and end
    }

    [Fact]
    public void RunOverTlsVerifiesTheBrokerAgainstTheCaFile()
    {
        var ca = PileSimBrokerOptionsTests.Temp("ca.pem", _broker.Certificates.CaPem);
        var tls = Run(AsThePile(_broker.TlsPort, "--tls-ca", ca));
        Assert.True(tls.ExitCode == 0, tls.Errors);
        Assert.EndsWith(",\"ev\":\"end\",\"outbox\":0}\n", tls.Output);

        var other = PileSimBrokerOptionsTests.Temp("other.pem", _broker.Certificates.OtherCa.ExportCertificatePem());
        PileSimBrokerOptionsTests.AssertFails(Run(AsThePile(_broker.TlsPort, "--tls-ca", other)),
            $"TLS with the broker at 127.0.0.1:{_broker.TlsPort} failed: its certificate does not chain to --tls-ca {other} or does " +
            "not name 127.0.0.1, or it does not speak TLS 1.2 on that port");
    }

    [Fact]
    public void CredentialsTheBrokerRefusesStopPileSimBeforeThePileStarts()
    {
        PileSimBrokerOptionsTests.AssertFails(Run("--broker", "127.0.0.1:" + _broker.Port, "--user", Pile, "--password", "wrong"),
            $"the broker at 127.0.0.1:{_broker.Port} refused user '{Pile}' with that password (--user, --password)");
        PileSimBrokerOptionsTests.AssertFails(Run("--broker", "127.0.0.1:" + _broker.Port),
            $"the broker at 127.0.0.1:{_broker.Port} wants credentials: give the pile's --user and --password");
    }

    [Fact]
    public void TheInteractivePileSaysWhichBrokerItIsOn()
    {
        var run = ToolRun.Of("PileSim", "quit\n", AsThePile(_broker.Port));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains($"\nPile {Pile} on the MQTT broker at 127.0.0.1:{_broker.Port} as {Pile}; topics under piles/{Pile}/.\n", run.Output);
        Assert.DoesNotContain("mosquitto_sub", run.Output);
    }
}
