using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>The interactive PileSim as a person types into it: what it echoes, refuses and prints.</summary>
public class InteractivePileSimTests
{
    private static ToolRun Type(string input, params string[] arguments) => ToolRun.Of("PileSim", input, arguments);

    [Fact]
    public void ControlCharactersAndEscapeSequencesAreNotPartOfTheVerb()
    {
        var run = Type("\fev ready\n\u001b[A\u001b[2Jplug 99A\n" + new string('x', 100_000) + "\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  ? no vehicle is plugged in: 'plug' first (it brings a fresh vehicle)\n", run.Output);
        Assert.Contains("  ? 'plug' takes an optional 10A, 16A, 32A or 63A, not '99A' (usage: plug [<n>A]; type 'help')\n", run.Output);
        // not a verb: typed on the console, which refuses a line that long
        Assert.Contains("console  | error: line too long: at most 80 characters; nothing was done\n", run.Output);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\f', run.Output);
    }

    [Fact]
    public void AVerbThatCannotTakeEffectIsRefused()
    {
        var run = Type("plug 16A\nplug 32A\nunplug\nunplug\nev draw 10A\n");
        Assert.Contains("  ? a vehicle is already plugged in: 'unplug' first\n", run.Output);
        Assert.Contains("  ? nothing is plugged in\n", run.Output);
        Assert.Contains("  ? no vehicle is plugged in: 'plug' first", run.Output);
    }

    [Fact]
    public void ALineThatIsNotAVerbGoesToTheConsole()
    {
        var run = Type("status\nconsole version\nconfig get pile.ratedCurrentA\n");
        Assert.Contains("console  | pile> status\n", run.Output);
        Assert.Contains("console  | status        Available\n", run.Output);
        Assert.Contains("console  | pile> version\n", run.Output);
        Assert.Contains("console  | firmware      1.0.0\n", run.Output);
        Assert.Contains("console  | value         32\n", run.Output);
        Assert.DoesNotContain("?", run.Output);
    }

    [Fact]
    public void NonAsciiNeverBecomesAnotherCommand()
    {
        // each character's low byte spells `version`; 头's is '4'
        var run = Type("卶卥卲即卩卯卮\n插头 16A\nconsole 卶卥卲即卩卯卮\n");
        Assert.DoesNotContain("firmware      1.0.0", run.Output);
        Assert.DoesNotContain("pile> version", run.Output);
        Assert.DoesNotContain("'4", run.Output);
        Assert.Contains("console  | pile>  16A\n", run.Output); // the console drops what is not ASCII, as on its serial line
    }

    [Theory]
    [InlineData("ev fly", "unknown verb 'ev fly' (usage: ev ready | ev pause | ev ventilation | ev draw <n>A | ev disobey | ev obey | ev diode-missing; type 'help')")]
    [InlineData("PLUG 16A", "unknown verb 'PLUG 16A' (usage: plug [<n>A]; type 'help')")]
    [InlineData("limit 10", "'limit' takes a whole number in A from 0A to 80A (like 16A), not '10' (usage: limit <n>A; type 'help')")]
    [InlineData("limit 81A", "'limit' takes a whole number in A from 0A to 80A (like 16A), not '81A' (usage: limit <n>A; type 'help')")]
    [InlineData("meter foo", "unknown verb 'meter foo' (usage: meter offline | meter online | meter garbage | meter backwards <n>Wh | meter slave-error | meter flaky <n>%; type 'help')")]
    public void AMistypedVerbIsRefusedWithItsUsageAndNeverReachesTheConsole(string line, string refusal)
    {
        var run = Type(line + "\n");
        Assert.Contains("  ? " + refusal + "\n", run.Output);
        Assert.DoesNotContain("console  |", run.Output);
        Assert.DoesNotContain("\"event\":\"console", run.Output); // no console event goes to the platform
    }

    [Fact]
    public void TheLimitVerbTakesWhatThePlatformsLimitCommandTakes()
    {
        var run = Type("plug 32A\nev ready\nlimit 80A\nlimit 0A\n");
        Assert.DoesNotContain("  ?", run.Output);
        Assert.Contains("pwm 10.0 % duty, 6.0 A advertised", Type("plug 32A\nlimit 6A\n").Output);
    }

    [Fact]
    public void AVerbThatCannotTakeEffectNowSaysSo()
    {
        var run = Type("power restore\nlink up\npower cut\npower cut\n");
        Assert.Contains("  ? the pile is powered already ('power cut' first)\n", run.Output);
        Assert.Contains("  ? the network is up already ('link down' first)\n", run.Output);
        Assert.Contains("  ? the power is off already ('power restore' first)\n", run.Output);
    }

    [Fact]
    public void HelpShowsHowToChangeAConfigKey()
    {
        var run = Type("help\n");
        Assert.Contains("  config key=value ", run.Output);
        Assert.Contains("  authorize <idTag> ", run.Output);
        Assert.Contains("  cmd <json> ", run.Output);
    }

    [Fact]
    public void TheBannerSaysHowManyPhases()
    {
        Assert.StartsWith("ChargeController simulated pile: 32 A, three phase, free authorisation.", Type("", "--set", "pile.phases=3").Output);
        Assert.StartsWith("ChargeController simulated pile: 32 A, single phase, free authorisation.", Type("").Output);
    }

    [Fact]
    public void APowerCutIsShown()
    {
        var run = Type("power cut\n");
        Assert.Matches(@"\n +\d+\.\d{3} s  power      cut: the outputs drop, the firmware stops \('power restore' boots it\)\n", run.Output);
    }

    [Fact]
    public void ThePilotSaysWhatItMeans() =>
        Assert.Contains(" s  pilot      +12 V (no PWM: no charging offered)\n", Type("").Output);
}
