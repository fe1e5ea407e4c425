using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.PileSim;
using ChargeController.PileSim.Broker;
using ChargeController.TestSupport;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// PileSim --state: a restart with the same state folder is the same pile switched off and on (its boots, events and
/// meter go on); without it every run is a pile on an empty flash (boot 1, PowerOn), which the platform can tell.
/// </summary>
public class PileStateTests
{
    private const string Charge = "0s plug 16A\n1s ev ready\n60s unplug\n65s end\n";

    private static string Temp() => Directory.CreateTempSubdirectory("pilesim-state-").FullName;

    private static JsonElement[] Run(string scenario, params string[] options)
    {
        var run = ToolRun.Of("PileSim", null, new[] { "run", scenario }.Concat(options).ToArray());
        Assert.True(run.ExitCode == 0, run.Errors);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
    }

    /// <summary>The events the pile published to the platform, each (boot, seq, event).</summary>
    private static (int Boot, int Seq, string Event)[] Published(JsonElement[] trace) => trace
        .Where(line => line.GetProperty("ev").GetString() == "mqtt" && line.GetProperty("topic").GetString()!.EndsWith("/events"))
        .Select(line => line.GetProperty("payload"))
        .Select(p => (p.GetProperty("boot").GetInt32(), p.GetProperty("seq").GetInt32(), p.GetProperty("event").GetString()!)).ToArray();

    private static JsonElement[] Sessions(JsonElement[] trace, string phase) =>
        trace.Where(line => line.GetProperty("ev").GetString() == "session" && line.GetProperty("phase").GetString() == phase).ToArray();

    [Fact]
    public void ASecondRunWithTheSameStateContinuesTheFirstsNumbering()
    {
        var folder = Temp();
        var scenario = Path.Combine(folder, "charge.scn");
        File.WriteAllText(scenario, Charge);
        var state = Path.Combine(folder, "cc-0001");
        var first = Run(scenario, "--state", state);
        var second = Run(scenario, "--state", state);

        Assert.Contains((1, 1, "boot"), Published(first));
        var boot = second.First(line => line.GetProperty("ev").GetString() == "boot");
        Assert.Equal(2, boot.GetProperty("number").GetInt32());
        Assert.Equal("PowerLoss", boot.GetProperty("reason").GetString()); // as a pile switched off and on says
        var firstEvents = Published(first).ToHashSet();
        var newEvents = Published(second).Where(e => !firstEvents.Contains(e)).ToArray();
        Assert.Contains((2, 1, "boot"), newEvents);
        Assert.Contains((2, 2, "session-start"), newEvents);
        // nothing the second run publishes reuses a (boot, seq) of the first for another event: de-duplication keeps it
        Assert.All(Published(second), e => Assert.True(e.Boot == 2 || firstEvents.Contains(e), $"{e} reuses the first run's numbering"));
        // the session id goes on, and the meter kept counting while the pile was off
        Assert.Equal("2-1", Sessions(second, "start").Single().GetProperty("id").GetString());
        Assert.Equal(Sessions(first, "end").Single().GetProperty("stopWh").GetInt64(), Sessions(second, "start").Single().GetProperty("startWh").GetInt64());
    }

    [Fact]
    public void WithoutStateEveryRunIsAPileOnAnEmptyFlash()
    {
        var scenario = Path.Combine(Temp(), "charge.scn");
        File.WriteAllText(scenario, Charge);
        Assert.Equal(Published(Run(scenario)), Published(Run(scenario)));
        Assert.Equal((1, 1, "boot"), Published(Run(scenario))[0]);
        var boot = Run(scenario).First(line => line.GetProperty("ev").GetString() == "boot");
        Assert.Equal("PowerOn", boot.GetProperty("reason").GetString());
    }

    [Fact]
    public void TheInteractivePileWritesItsStateAtQuitAndBootsFromItNextTime()
    {
        var state = Path.Combine(Temp(), "cc-0001");
        string Session()
        {
            var output = new StringWriter();
            using var broker = BrokerSession.Open(BrokerSettings.From(new ChosenOptions(), embeddedWhenAbsent: true, out _)!, out var failure);
            Assert.True(broker != null, failure);
            var typed = new List<(long, string)> { (1000, "plug 16A"), (3000, "ev ready"), (10_000, "quit") };
            Assert.Null(InteractivePile.Run(new PileConfig(), broker!, () => new ScriptedKeyboard(typed, output), output, state));
            return output.ToString();
        }
        var first = Session();
        Assert.Contains($"The pile's flash and meter are kept in {state}", first);
        Assert.Contains("boot       PowerOn, boot number 1\n", first);
        var second = Session();
        Assert.Contains("boot       PowerLoss, boot number 2\n", second);
        Assert.Contains("session    1-1 ended: PowerLoss", second); // the session the quit left open, closed as after a power cut
        Assert.Contains("session    2-1 started", second);
    }

    [Fact]
    public void AStateThatIsAFileIsRefused()
    {
        var folder = Temp();
        var scenario = Path.Combine(folder, "charge.scn");
        File.WriteAllText(scenario, Charge);
        var run = ToolRun.Of("PileSim", null, "run", scenario, "--state", scenario);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a file: give a folder", run.Errors);
    }
}
