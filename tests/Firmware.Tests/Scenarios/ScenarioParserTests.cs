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
    public void Times(string text, long ms)
    {
        Assert.True(ScenarioParser.TryParseTime(text, out var parsed));
        Assert.Equal(ms, parsed);
    }

    [Theory]
    [InlineData("1.5s")]
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
            new[] { (ScenarioVerb.Set, 0, "auth.mode=platform"), (ScenarioVerb.Plug, 32, null), (ScenarioVerb.Plug, 16, null),
                (ScenarioVerb.EvDraw, 10, null), (ScenarioVerb.RcdDc, 6, null), (ScenarioVerb.Temp, -20, null),
                (ScenarioVerb.TempConnector, 95, null), (ScenarioVerb.CpLevel, 7500, null), (ScenarioVerb.Authorize, 0, "CARD-1"),
                (ScenarioVerb.End, 0, null) },
            parse.Steps.Select(s => (s.Verb, s.Number, (string?)s.Text)));
        Assert.Equal(120_000, parse.Steps[^1].TimeMs);
        Assert.Equal(3, parse.Steps[1].Line);
    }

    [Theory]
    [InlineData("0s plug\n1s ev fly", 2, "unknown verb 'ev fly'")]
    [InlineData("0s plug 32", 1, "'plug' takes an optional whole number in A")]
    [InlineData("0s plug 32A 16A", 1, "'plug' takes")]
    [InlineData("0s unplug now", 1, "'unplug' takes no argument")]
    [InlineData("0s ev draw", 1, "'ev draw' takes a whole number in A")]
    [InlineData("0s authorize", 1, "one word")]
    [InlineData("5s plug\n\n# c\n2s unplug", 4, "goes back")]
    [InlineData("soon plug", 1, "'soon' is not a time")]
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
    public void EveryVerbIsSpelledOnce() =>
        Assert.Equal(VerbSyntax.All.Length, VerbSyntax.All.Select(v => v.Words).Distinct().Count());

    [Fact]
    public void EveryVerbHasASpelling() =>
        Assert.Equal(Enum.GetValues<ScenarioVerb>().OrderBy(v => v), VerbSyntax.All.Select(v => v.Verb).OrderBy(v => v));
}
