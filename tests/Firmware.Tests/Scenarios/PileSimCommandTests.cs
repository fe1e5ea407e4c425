using ChargeController.PileSim;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>`PileSim run`: trace file, --set overrides, and a bad scenario that runs nothing and exits non-zero.</summary>
[Collection("Console")]
public class PileSimCommandTests
{
    private static string Temp(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilesim-").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RunWritesTheTraceFile()
    {
        var scenario = Temp("s.scn", "0s plug 16A\n1s ev ready\n5s end\n");
        var trace = scenario + ".jsonl";
        Assert.Equal(0, ScenarioCommand.Run(new[] { "run", scenario, "--trace", trace }));
        var lines = File.ReadAllLines(trace);
        Assert.Equal("{\"t\":0,\"ev\":\"boot\",\"reason\":\"PowerOn\",\"number\":1}", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"duty\":266,\"amps\":16"));
    }

    [Fact]
    public void SetOverridesTheDefaultsAndTheScenario()
    {
        var scenario = Temp("s.scn", "0s set pile.ratedCurrentA=20\n0s plug 32A\n5s end\n");
        var trace = scenario + ".jsonl";
        Assert.Equal(0, ScenarioCommand.Run(new[] { "run", scenario, "--trace", trace, "--set", "pile.ratedCurrentA=10" }));
        Assert.Contains(File.ReadAllLines(trace), l => l.Contains("\"amps\":10"));
    }

    [Fact]
    public void ABadScenarioRunsNothingAndFails()
    {
        var scenario = Temp("bad.scn", "0s plug\n1s ev fly\n");
        var trace = scenario + ".jsonl";
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try
        {
            Assert.Equal(1, ScenarioCommand.Run(new[] { "run", scenario, "--trace", trace }));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.False(File.Exists(trace));
        Assert.Contains("line 2: unknown verb 'ev fly'", errors.ToString());
    }

    [Fact]
    public void ABadSettingIsRefused() =>
        Assert.Equal(2, ScenarioCommand.Run(new[] { "run", Temp("s.scn", "0s plug\n"), "--set", "auth.mode=maybe" }));

    [Fact]
    public void MemoryPrintsOneJsonLineToStandardErrorAndLeavesTheTraceAlone()
    {
        var scenario = Temp("s.scn", "0s plug 16A\n1s ev ready\n5s power cut\n6s power restore\n8s end\n");
        var plain = scenario + ".jsonl";
        var measured = scenario + ".measured.jsonl";
        Assert.Equal(0, ScenarioCommand.Run(new[] { "run", scenario, "--trace", plain }));
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try
        {
            Assert.Equal(0, ScenarioCommand.Run(new[] { "run", scenario, "--trace", measured, "--memory" }));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.Equal(File.ReadAllLines(plain), File.ReadAllLines(measured));
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^\\{\"startupBytes\":[0-9]+,\"maxBootBytes\":[0-9]+,\"maxTickBytes\":[0-9]+\\}$", line.TrimEnd('\r'));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.InRange(json.RootElement.GetProperty("startupBytes").GetInt64(), 1, 48 * 1024);
        Assert.InRange(json.RootElement.GetProperty("maxBootBytes").GetInt64(), 1, 48 * 1024);
        Assert.True(json.RootElement.GetProperty("maxTickBytes").GetInt64() > 0, "the tick that opens a session allocates its id");
    }
}
