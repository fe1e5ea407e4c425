using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// Every scenario under tests/scenarios runs through the same engine as `PileSim run` and must give exactly the trace
/// stored beside it (&lt;name&gt;.trace.jsonl). After a deliberate change of behaviour, regenerate a trace with
/// `dotnet run --project tools/PileSim -- run tests/scenarios/&lt;name&gt;.scn --trace tests/scenarios/&lt;name&gt;.trace.jsonl`
/// and read the diff before committing it.
/// </summary>
public class ScenarioFileTests
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "scenarios");

    public static IEnumerable<object[]> Scenarios() => NamesIn(Folder);

    /// <summary>The scenarios of a folder by name (without .scn), in order, as test data.</summary>
    public static IEnumerable<object[]> NamesIn(string folder) =>
        Directory.GetFiles(folder, "*.scn").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) }).OrderBy(n => (string)n[0]);

    public static List<string> Run(string name)
    {
        var parse = ScenarioParser.Parse(File.ReadAllText(Path.Combine(Folder, name + ".scn")));
        Assert.True(parse.Succeeded, parse.Error);
        var recorder = new RecordingWriter();
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), recorder));
        return recorder.Lines;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TraceMatchesTheStoredTrace(string name)
    {
        var expected = File.ReadAllLines(Path.Combine(Folder, name + ".trace.jsonl"));
        Assert.Equal(expected, Run(name));
    }

    [Fact]
    public void ThereAreExampleScenarios() => Assert.True(Scenarios().Count() >= 8);

    [Fact]
    public void EveryTraceLineIsTimeOrdered()
    {
        foreach (var name in Scenarios().Select(s => (string)s[0]))
        {
            var times = Run(name).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("t").GetInt64()).ToList();
            Assert.Equal(times.OrderBy(t => t), times);
        }
    }
}
