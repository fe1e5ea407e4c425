using ChargeController.PileSim.Generator;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>`PileSim generate` as a user runs it: the files it writes, and a wrong command line refused with exit 2.</summary>
public class GenerateCommandTests
{
    private static ToolRun PileSim(params string[] arguments) => ToolRun.Of("PileSim", null, arguments);

    [Fact]
    public void WritesOneFilePerSeedAndTheCommandInEachWritesItAgain()
    {
        var folder = Directory.CreateTempSubdirectory("generate-").FullName;
        var run = PileSim("generate", "--seed", "41", "--count", "3", "--out", folder);
        Assert.Equal((0, "", ""), (run.ExitCode, run.Output, run.Errors));
        Assert.Equal(new[] { "random-41.scn", "random-42.scn", "random-43.scn" },
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        var text = File.ReadAllText(Path.Combine(folder, "random-42.scn"));
        Assert.Equal(ScenarioGenerator.Text(42), text);

        var again = Directory.CreateTempSubdirectory("generate-").FullName;
        var command = text[(text.IndexOf('`') + 1)..text.IndexOf('`', text.IndexOf('`') + 1)].Replace("DIR", again).Split(' ');
        Assert.Equal("PileSim", command[0]);
        Assert.Equal(0, PileSim(command[1..]).ExitCode);
        Assert.Equal(text, File.ReadAllText(Path.Combine(again, "random-42.scn")));
    }

    [Theory]
    [InlineData("needs --seed, --count and --out", "generate")]
    [InlineData("needs --seed, --count and --out", "generate", "--seed", "1", "--count", "2")]
    [InlineData("--seed takes a whole number", "generate", "--seed", "one", "--count", "2", "--out", "x")]
    [InlineData("--seed takes a whole number", "generate", "--seed", "-1", "--count", "2", "--out", "x")]
    [InlineData("--count takes a whole number", "generate", "--seed", "1", "--count", "0", "--out", "x")]
    [InlineData("--count takes a whole number", "generate", "--seed", "1", "--count", "100001", "--out", "x")]
    [InlineData("--out needs a value", "generate", "--seed", "1", "--count", "2", "--out")]
    [InlineData("unknown argument '--seeds'", "generate", "--seeds", "1")]
    [InlineData("go past 2147483647", "generate", "--seed", "2147483647", "--count", "2", "--out", "x")]
    public void AWrongCommandLineIsRefusedWithExitTwo(string problem, params string[] arguments)
    {
        var run = PileSim(arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("PileSim: generate", run.Errors);
        Assert.Contains(problem, run.Errors.Split('\n')[0]);
    }

    [Fact]
    public void AFolderThatCannotBeWrittenIsAFailure()
    {
        var file = Path.GetTempFileName();
        var run = PileSim("generate", "--seed", "1", "--count", "1", "--out", file);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"PileSim: cannot write the scenarios into {file}", run.Errors);
    }

    [Fact]
    public void HelpDescribesIt() => Assert.Contains("PileSim generate --seed <S> --count <N> --out <folder>", PileSim("--help").Output);
}
