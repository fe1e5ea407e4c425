using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.Tests.Scenarios;

public class ScenarioParserTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("1500ms", 1500)]
    [InlineData("2s", 2000)]
    [InlineData("2min", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1.25min", 75_000)]
    [InlineData("0.001s", 1)]
    [InlineData("2.5h", 9_000_000)]
    public void Times(string text, long ms)
    {
        Assert.True(ScenarioParser.TryParseTime(text, out var parsed));
        Assert.Equal(ms, parsed);
    }

    [Theory]
    [InlineData("1.5ms")]
    [InlineData("0.0005s")]
    [InlineData("1.s")]
    [InlineData(".5s")]
    [InlineData("1.2.3s")]
    [InlineData("s")]
    [InlineData("10")]
    [InlineData("10sec")]
    [InlineData("-1s")]
    public void BadTimes(string text) => Assert.False(ScenarioParser.TryParseTime(text, out _));

    [Fact]
    public void ParsesEveryVerbWithItsArgument()
    {
        var parse = ScenarioParser.Parse("""
            # a comment line
            0s    set auth.mode=platform   # trailing comment
            0s    plug
            0s    unplug
            0s    plug 16A
            1s    ev draw 10A
            1s    rcd dc 6mA
            1s    temp -20C
            1s    temp connector 95C
            1s    cp level 7500mV
            2s    authorize CARD-1
            2min  end
            """);
        Assert.True(parse.Succeeded, parse.Error);
        Assert.Equal(
            new[] { (ScenarioVerb.Set, 0, "auth.mode=platform"), (ScenarioVerb.Plug, 32, null), (ScenarioVerb.Unplug, 0, null), (ScenarioVerb.Plug, 16, null),
                (ScenarioVerb.EvDraw, 10, null), (ScenarioVerb.RcdDc, 6, null), (ScenarioVerb.Temp, -20, null),
                (ScenarioVerb.TempConnector, 95, null), (ScenarioVerb.CpLevel, 7500, null), (ScenarioVerb.Authorize, 0, "CARD-1"),
                (ScenarioVerb.End, 0, null) },
            parse.Steps.Select(s => (s.Verb, s.Number, (string?)s.Text)));
        Assert.Equal(120_000, parse.Steps[^1].TimeMs);
        Assert.Equal(3, parse.Steps[1].Line);
    }

    [Theory]
    [InlineData("0s plug\n1s ev fly", 2, "unknown verb 'ev fly'")]
    [InlineData("0s plug 32", 1, "'plug' takes an optional 10A, 16A, 32A or 63A, not '32'")]
    [InlineData("0s plug 99A", 1, "'plug' takes an optional 10A, 16A, 32A or 63A, not '99A'")]
    [InlineData("0s plug 13A", 1, "not '13A'")]
    [InlineData("0s plug 0A", 1, "not '0A'")]
    [InlineData("0s ev diode-missing\n0s plug", 1, "'ev diode-missing': no vehicle is plugged in: 'plug' first")]
    [InlineData("0s plug\n1s unplug\n2s ev ready", 3, "'ev ready': no vehicle is plugged in")]
    [InlineData("0s plug 16A\n1s plug 32A", 2, "'plug 32A': a vehicle is already plugged in: 'unplug' first")]
    [InlineData("0s unplug", 1, "'unplug': nothing is plugged in")]
    [InlineData("0s \u000c\u001b[2Jplug", 1, "unknown verb '??[2Jplug'")]
    [InlineData("0s plug 32A 16A", 1, "'plug' takes")]
    [InlineData("0s unplug now", 1, "'unplug' takes no argument")]
    [InlineData("0s ev draw", 1, "'ev draw' takes a whole number in A")]
    [InlineData("0s authorize", 1, "one word")]
    [InlineData("5s plug\n\n# c\n2s unplug", 4, "goes back")]
    [InlineData("soon plug", 1, "'soon' is not a time")]
    [InlineData("0.5 plug", 1, "'0.5' is not a time (like 0s, 0.5s, 1500ms, 2min, 1h)")]
    [InlineData("0s set nosuch.key=1", 1, "unknown config key 'nosuch.key'")]
    [InlineData("0s set pile.ratedCurrentA=80", 1, "out of range 6..63 A")]
    [InlineData("1s set auth.mode=free", 1, "only at 0s")]
    public void ErrorsNameTheirLineAndNothingRuns(string text, int line, string message)
    {
        var parse = ScenarioParser.Parse(text);
        Assert.False(parse.Succeeded);
        Assert.Equal(line, parse.ErrorLine);
        Assert.StartsWith($"line {line}: ", parse.Error);
        Assert.Contains(message, parse.Error);
        Assert.Empty(parse.Steps);
    }

    [Fact]
    public void EchoedInputIsCut()
    {
        var parse = ScenarioParser.Parse("0s " + new string('x', 100_000));
        Assert.Equal("line 1: unknown verb '" + new string('x', ScenarioParser.EchoLength) + "...'", parse.Error);
    }

    [Fact]
    public void EveryVerbIsSpelledOnce() =>
        Assert.Equal(VerbSyntax.All.Length, VerbSyntax.All.Select(v => v.Words).Distinct().Count());

    [Fact]
    public void EveryVerbHasASpelling() =>
        Assert.Equal(Enum.GetValues<ScenarioVerb>().OrderBy(v => v), VerbSyntax.All.Select(v => v.Verb).OrderBy(v => v));
}
