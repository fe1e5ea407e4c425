using ChargeController.Firmware.Config;
using ChargeController.PileSim.Generator;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// The generator's <see cref="PileModel"/> against the simulated pile on the cases where timing decides: every line the
/// model allows, the pile takes; and the lines the pile would refuse, the model refuses too.
/// </summary>
public class PileModelTests
{
    private const string Command = "cmd {\"v\":1,\"id\":\"x\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}";

    /// <summary>Offers each line to the model and, where it allows it, to the pile (which must take it).</summary>
    /// <returns>the lines the model refused</returns>
    private static List<string> Offer(params (long TimeMs, string Line)[] lines)
    {
        var model = new PileModel();
        var pile = new SimulatedPile(new PileConfig(), new RecordingWriter());
        pile.Start();
        var refused = new List<string>();
        foreach (var (timeMs, line) in lines)
        {
            var step = ScenarioParser.ParseCommand(line, timeMs, out var error) ?? throw new ArgumentException(error);
            pile.AdvanceTo(timeMs - 1);
            if (model.Refusal(step) != null)
            {
                refused.Add(line);
                continue;
            }
            Assert.Null(pile.Apply(step));
            model.Apply(step);
        }
        return refused;
    }

    [Fact]
    public void NoVehicleVerbWithoutAPlug() =>
        Assert.Equal(new[] { "ev ready", "unplug" }, Offer((0, "ev ready"), (10, "plug"), (20, "ev ready"), (30, "unplug"), (40, "unplug")));

    [Fact]
    public void NoConsoleWhileThePowerIsOff() =>
        Assert.Equal(new[] { "console status" }, Offer((0, "power cut"), (10, "console status"), (20, "power restore"), (30, "console status")));

    [Fact]
    public void AChangeMadeWhileThePowerIsOffStoresNothingToDamage() =>
        Assert.Equal(new[] { "storage damage config", "storage damage config all" },
            Offer((0, "power cut"), (10, "config auth.timeoutS=99"), (20, "storage damage config"), (30, "storage damage config all")));

    [Fact]
    public void AStoredChangeCanBeDamagedOnceThenEveryCopy() =>
        Assert.Equal(new[] { "storage damage config" },
            Offer((0, "config auth.timeoutS=99"), (10, "storage damage config"), (20, "storage damage config"), (30, "storage damage config all")));

    [Fact]
    public void ARefusedChangeStoresNothing() =>
        Assert.Equal(new[] { "storage damage config all" }, Offer((0, "config pile.ratedCurrentA=99"), (10, "storage damage config all")));

    [Fact]
    public void WhileTheLinkIsDownAtMostTwoCommandsWait() =>
        Assert.Equal(new[] { Command, Command },
            Offer((0, "link down"), (70_000, Command), (71_000, Command), (72_000, Command), (600_000, Command)));

    [Fact]
    public void AHungPileTakesAtMostTwoCommands() =>
        Assert.Equal(new[] { Command }, Offer((1000, "hang 400ms"), (1010, Command), (1020, Command), (1030, Command)));

    [Fact]
    public void TheConsoleBufferIsNeverOverfilled()
    {
        var line = "console status " + new string('x', 150);
        var lines = Enumerable.Range(0, 40).Select(i => (1000L + i * 10, line)).Prepend((1000L, "hang 450ms")).ToArray();
        var refused = Offer(lines);
        Assert.NotEmpty(refused);
        Assert.All(refused, l => Assert.Equal(line, l));
    }
}
