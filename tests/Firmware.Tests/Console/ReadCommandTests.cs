using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>The read-only commands: no login, the pile as it is, and every way to ask wrongly.</summary>
public class ReadCommandTests
{
    [Fact]
    public void StatusOfAChargingPile()
    {
        var rig = new ConsoleRig();
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 10_000);
        var printed = rig.Run("status");
        Assert.Contains("status        Charging\r\n", printed);
        Assert.Contains("error         NoError\r\n", printed);
        Assert.Contains("cp            C\r\n", printed);
        Assert.Contains("cpHighMv      " + rig.Harness.Board.Pilot.HighLevelMv + "\r\n", printed);
        Assert.Contains("advertisedMa  32000\r\n", printed);
        Assert.Contains("contactor     closed\r\n", printed);
        Assert.Contains("feedback      closed\r\n", printed);
        Assert.Contains("lock          locked\r\n", printed);
        Assert.Contains("session       " + rig.Harness.Pile.Session.Id + "\r\n", printed);
        Assert.Contains("faults:\r\n  none\r\n", printed);
    }

    [Fact]
    public void StatusSaysWhereThePlugLockIs()
    {
        var rig = new ConsoleRig();
        Assert.Contains("lock          released\r\n", rig.Run("status"));
        rig.Harness.At(rig.NowMs + 10, "lock stuck").At(rig.NowMs + 100, "plug 32A").At(rig.NowMs + 1000, "ev ready")
            .At(rig.NowMs + 5000, "unplug").RunTo(rig.NowMs + 10_000);
        Assert.True(rig.Harness.Board.Lock.FeedbackLocked);
        Assert.Contains("lock          locked\r\n", rig.Run("status"));
        Assert.Contains("lock          not fitted\r\n", new ConsoleRig("pile.connector=tethered").Run("status"));
    }

    [Fact]
    public void StatusListsRaisedFaults()
    {
        var rig = new ConsoleRig();
        rig.Harness.At(rig.NowMs + 10, "estop press").RunTo(rig.NowMs + 500);
        var printed = rig.Run("status");
        Assert.Contains("status        Faulted\r\n", printed);
        Assert.Contains("faults:\r\n  code=emergency-stop ocpp=OtherError latched=false retries=0\r\n", printed);
        Assert.Contains("session       none\r\n", printed);
    }

    [Fact]
    public void Pilot()
    {
        var rig = new ConsoleRig();
        rig.Harness.At(rig.NowMs + 10, "plug 32A").RunTo(rig.NowMs + 2000);
        var printed = rig.Run("pilot");
        Assert.Contains("cp            B\r\n", printed);
        Assert.Contains("highMv        " + rig.Harness.Board.Pilot.HighLevelMv + "\r\n", printed);
        Assert.Contains("lowMv         " + rig.Harness.Board.Pilot.LowLevelMv + "\r\n", printed);
        Assert.Contains("mode          pwm\r\n", printed);
        Assert.Contains("dutyPermille  533\r\n", printed);
    }

    [Fact]
    public void MeterShowsTheLastReadingItsAgeAndErrors()
    {
        var rig = new ConsoleRig();
        rig.Harness.RunTo(rig.NowMs + 20_000);
        rig.Harness.At(rig.NowMs + 10, "meter offline").RunTo(rig.NowMs + 30_000);
        var printed = rig.Run("meter");
        Assert.Contains("profile       ", printed);
        Assert.Contains("health        timeout\r\n", printed);
        Assert.Matches("ageMs +[0-9]{5}\r\n", printed);
        Assert.Contains("voltageL1Mv   220", printed);
        Assert.Matches("errors:\r\n  timeout = [1-9]", printed);
    }

    [Fact]
    public void MeterOfAPileWithoutOne()
    {
        var rig = new ConsoleRig("meter.profile=none");
        Assert.Contains("error: this pile has no meter (meter.profile=none)", rig.Run("meter"));
    }

    [Fact]
    public void FaultsShowAnEmptyLogOnAFreshPile()
    {
        var rig = new ConsoleRig();
        var printed = rig.Run("faults");
        Assert.Contains("faults:\r\n  none\r\nlog:\r\n  none\r\n", printed);
    }

    [Fact]
    public void SessionsShowTheRunningOneFirstThenTheEndedOnesNewestFirst()
    {
        var rig = new ConsoleRig();
        Assert.Contains("sessions:\r\n  none\r\n", rig.Run("sessions"));
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").At(rig.NowMs + 60_000, "unplug")
            .RunTo(rig.NowMs + 70_000);
        Assert.Matches("sessions:\r\n  id=1-1 idTag= durationS=5[0-9] energyWh=[0-9]+ end=EVDisconnected offline=false unmetered=false\r\npile> ",
            rig.Run("sessions"));
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 31_000);
        Assert.Matches("sessions:\r\n  id=1-2 idTag= durationS=3[0-9] end=running offline=false unmetered=false\r\n" +
            "  id=1-1 idTag= durationS=5[0-9] energyWh=[0-9]+ end=EVDisconnected offline=false unmetered=false\r\npile> ", rig.Run("sessions 3"));
        Assert.Matches("sessions:\r\n  id=1-2 [^\r]*\r\npile> ", rig.Run("sessions"));
    }

    [Theory]
    [InlineData("sessions 0")]
    [InlineData("sessions 21")]
    [InlineData("sessions many")]
    public void SessionsRefuseABadCount(string line)
    {
        Assert.Contains("error: bad argument: n is 1 to 20\r\n", new ConsoleRig().Run(line));
    }

    [Theory]
    [InlineData("outbox")]
    [InlineData("net")]
    public void OutboxAndNetSayThereIsNoPlatformLink(string line)
    {
        var rig = new ConsoleRig();
        rig.Harness.Sim.Runtime.ConsoleLink = null; // a pile built without a broker link
        Assert.Contains("error: no platform link\r\n", rig.Run(line));
    }

    private sealed class Link : IConsoleLink
    {
        public string State => "connected";
        public int Reconnects => 3;
        public string LastError => "tls handshake";
        public int RefusedReason => 0;
        public int Refusal => 0;
        public int Backlog => 12;
        public int OldestBoot => 4;
        public int OldestRecord => 17;
    }

    [Fact]
    public void OutboxAndNetOnceTelemetryExists()
    {
        var rig = new ConsoleRig();
        rig.Harness.Sim.Runtime.ConsoleLink = new Link();
        var net = rig.Run("net");
        Assert.Contains("state         connected\r\n", net);
        Assert.Contains("reconnects    3\r\n", net);
        Assert.Contains("lastError     tls handshake\r\n", net);
        var outbox = rig.Run("outbox");
        Assert.Contains("backlog       12\r\n", outbox);
        Assert.Contains("oldest        4-17\r\n", outbox);
    }

    [Fact]
    public void VersionAndUptime()
    {
        var rig = new ConsoleRig();
        Assert.Contains("firmware      1.0.0\r\n", rig.Run("version"));
        rig.Harness.RunTo(3_661_000);
        var uptime = rig.Run("uptime");
        Assert.Contains("uptimeS       3661\r\n", uptime);
        Assert.Contains("uptime        0d 01:01:01\r\n", uptime);
        Assert.Contains("bootReason    PowerOn\r\n", uptime);
        Assert.Contains("bootNumber    1\r\n", uptime);
    }

    [Fact]
    public void ConfigListShowsEveryKeyOrThoseWithAPrefix()
    {
        var rig = new ConsoleRig("pile.ratedCurrentA=16");
        var all = rig.Run("config list");
        foreach (var key in Firmware.Config.ConfigKeys.All)
            Assert.Contains("  " + key.Name + " = ", all);
        Assert.Contains("  pile.ratedCurrentA = 16\r\n", all);
        Assert.Contains("  auth.mode = free\r\n", all);
        Assert.DoesNotContain("cut", all);
        var supply = rig.Run("config list supply.");
        Assert.Contains("  supply.overVoltageV = 264\r\n", supply);
        Assert.DoesNotContain("pile.ratedCurrentA", supply);
        Assert.Contains("error: no config key starts with 'nothing.'", rig.Run("config list nothing."));
    }

    [Fact]
    public void ConfigGetExplainsOneKey()
    {
        var printed = new ConsoleRig().Run("config get pile.ratedCurrentA");
        Assert.Contains("key           pile.ratedCurrentA\r\n", printed);
        Assert.Contains("value         32\r\n", printed);
        Assert.Contains("default       32\r\n", printed);
        Assert.Contains("unit          A\r\n", printed);
        Assert.Contains("allowed       6..63 A\r\n", printed);
        Assert.Contains("meaning       current the pile and its supply are rated for\r\n", printed);
        Assert.Contains("allowed       free, platform\r\n", new ConsoleRig().Run("config get auth.mode"));
    }

    [Fact]
    public void ConfigGetOfAnUnknownKey()
    {
        Assert.Contains("error: unknown config key 'pile.colour' (config list shows them)", new ConsoleRig().Run("config get pile.colour"));
    }

    [Fact]
    public void HelpListsEveryCommandFromTheTable()
    {
        var printed = new ConsoleRig().Run("help");
        foreach (var command in ConsoleCommands.All)
            Assert.Contains("  " + command.Usage + " = " + command.Summary, printed);
        Assert.Contains("  reboot = planned reboot [technician]\r\n", printed);
        Assert.Contains("  status = connector status", printed);
    }

    [Fact]
    public void HelpExplainsOneCommand()
    {
        var printed = new ConsoleRig().Run("help config set");
        Assert.Contains("usage         config set <key> <value>\r\n", printed);
        Assert.Contains("access        technician\r\n", printed);
        Assert.Contains("example       config set pile.ratedCurrentA 16\r\n", printed);
        Assert.Contains("error: unknown command 'frobnicate' (type help)", new ConsoleRig().Run("help frobnicate"));
    }

    [Fact]
    public void AnUnknownCommand()
    {
        Assert.Contains("error: unknown command 'frobnicate' (type help)\r\npile> ", new ConsoleRig().Run("frobnicate now"));
    }

    [Theory]
    [InlineData("config", "error: bad argument: usage: config list [prefix] | config get <key> | config set <key> <value>")]
    [InlineData("config delete x", "error: bad argument: usage: config list [prefix] | config get <key> | config set <key> <value>")]
    [InlineData("status now", "error: bad argument: usage: status")]
    [InlineData("config get", "error: bad argument: usage: config get <key>")]
    [InlineData("mode loud", "error: bad argument: usage: mode human|json")]
    [InlineData("selftest", "error: bad argument: usage: selftest rcd")]
    public void ABadArgumentShowsTheUsage(string line, string error)
    {
        Assert.Contains(error + "\r\n", new ConsoleRig().Run(line));
    }
}
