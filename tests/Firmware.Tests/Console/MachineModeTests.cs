using System.Text.Json;
using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>`mode json`: one JSON object a line for every reply, no echo, no prompt; the same facts as the human mode.</summary>
public class MachineModeTests
{
    private static ConsoleRig Json()
    {
        var rig = new ConsoleRig();
        Assert.Equal("mode json\r\n{\"ok\":true,\"cmd\":\"mode\",\"message\":\"mode json\"}\r\n", rig.Run("mode json"));
        return rig;
    }

    private static JsonElement Reply(ConsoleRig rig, string line)
    {
        var printed = rig.Run(line);
        Assert.EndsWith("\r\n", printed);
        Assert.Single(printed.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(printed).RootElement;
    }

    [Fact]
    public void EveryReadOnlyCommandAnswersOneJsonLine()
    {
        var rig = Json();
        foreach (var line in new[] { "help", "help status", "status", "pilot", "meter", "faults", "sessions 2", "version", "uptime",
                     "config list", "config get auth.mode", "logout" })
        {
            var reply = Reply(rig, line);
            Assert.True(reply.GetProperty("ok").GetBoolean(), line);
        }
    }

    [Fact]
    public void FieldsKeepTheirTypes()
    {
        var rig = Json();
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 10_000);
        var status = Reply(rig, "status");
        Assert.Equal("status", status.GetProperty("cmd").GetString());
        Assert.Equal("Charging", status.GetProperty("status").GetString());
        Assert.Equal(32000, status.GetProperty("advertisedMa").GetInt32());
        Assert.False(status.GetProperty("safeMode").GetBoolean());
        Assert.Equal(0, status.GetProperty("faults").GetArrayLength());
        var config = Reply(rig, "config list pile.");
        Assert.Equal(32, config.GetProperty("config").GetProperty("pile.ratedCurrentA").GetInt32());
        Assert.Equal("free", Reply(rig, "config get auth.mode").GetProperty("value").GetString());
        var sessions = Reply(rig, "sessions");
        Assert.Equal("running", sessions.GetProperty("sessions")[0].GetProperty("end").GetString());
    }

    [Fact]
    public void NetAndOutboxAreJsonToo()
    {
        var rig = Json();
        rig.Harness.RunTo(1000);
        var net = Reply(rig, "net");
        Assert.Equal("connected", net.GetProperty("state").GetString());
        Assert.Equal(0, net.GetProperty("reconnects").GetInt32());
        Assert.Equal("none", net.GetProperty("lastError").GetString());
        var outbox = Reply(rig, "outbox");
        Assert.Equal(0, outbox.GetProperty("backlog").GetInt32());
        Assert.Equal("none", outbox.GetProperty("oldest").GetString());
    }

    [Theory]
    [InlineData("frobnicate", "frobnicate", "unknown command 'frobnicate' (type help)")]
    [InlineData("stop", "stop", "not logged in: type login")]
    [InlineData("sessions 99", "sessions", "bad argument: n is 1 to 20")]
    [InlineData("config list nope", "config list", "no config key starts with 'nope'")]
    [InlineData("config get nope", "config get", "unknown config key 'nope' (config list shows them)")]
    [InlineData("help frob", "help", "unknown command 'frob' (type help)")]
    public void ErrorsAreOkFalseWithTheReason(string line, string command, string error)
    {
        var reply = Reply(Json(), line);
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal(command, reply.GetProperty("cmd").GetString());
        Assert.Equal(error, reply.GetProperty("error").GetString());
    }

    [Fact]
    public void ALineTooLongIsAJsonError()
    {
        var reply = Reply(Json(), new string('x', ConsoleLine.MaxChars + 1));
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.StartsWith("line too long", reply.GetProperty("error").GetString());
    }

    [Fact]
    public void LoginForScriptsTheNextLineIsThePin()
    {
        var rig = Json();
        Assert.Equal("pin", Reply(rig, "login").GetProperty("next").GetString());
        var printed = rig.Run(ConsoleRig.FactoryPin);
        Assert.DoesNotContain(ConsoleRig.FactoryPin, printed);
        Assert.True(JsonDocument.Parse(printed).RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("pin", Reply(rig, "pin change").GetProperty("next").GetString());
        Assert.Equal("", rig.Run(ConsoleRig.TechnicianPin)); // the second question needs no reply
        Assert.True(Reply(rig, ConsoleRig.TechnicianPin).GetProperty("ok").GetBoolean());
        var set = Reply(rig, "config set auth.mode platform");
        Assert.True(set.GetProperty("ok").GetBoolean());
        var bad = Reply(rig, "config set pile.ratedCurrentA 5");
        Assert.Equal("pile.ratedCurrentA: 5 is out of range 6..63 A", bad.GetProperty("error").GetString());
    }

    [Fact]
    public void BackToHumanMode()
    {
        var rig = Json();
        Assert.Equal("mode human\r\npile> ", rig.Run("mode human")); // the reply is already human; the line was typed without echo
        Assert.Equal("version\r\nfirmware      1.0.0\r\npile> ", rig.Run("version"));
    }

    [Fact]
    public void ALongReplyIsCutBetweenFieldsAndSaysSo()
    {
        var rig = new ConsoleRig(600);
        var human = rig.Run("config list");
        Assert.Contains("(reply cut: longer than the console's output buffer)\r\npile> ", human);
        Assert.Matches("^config list\r\nconfig:\r\n(  [a-zA-Z.0-9]+ = [-a-z0-9]+\r\n)+\\(reply cut", human);
        rig.Run("mode json");
        var json = rig.Run("config list");
        var reply = JsonDocument.Parse(json).RootElement;
        Assert.True(reply.GetProperty("cut").GetBoolean());
        Assert.True(reply.GetProperty("config").EnumerateObject().Count() > 5);
        Assert.True(JsonDocument.Parse(rig.Run("help")).RootElement.GetProperty("cut").GetBoolean());
    }
}
