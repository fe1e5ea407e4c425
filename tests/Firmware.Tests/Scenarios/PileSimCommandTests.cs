using System.Diagnostics;
using System.Text;
using ChargeController.TestSupport;
using ChargeController.Tools;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// `PileSim run` as a user runs it, a separate process: trace file, --set overrides, and every mistake (a bad scenario,
/// a path that is no file, a binary file) refused in one line on stderr with exit 1 (2 for bad usage), never a stack trace.
/// </summary>
public class PileSimCommandTests
{
    private static string Temp(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilesim-").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static ToolRun PileSim(params string[] arguments) => ToolRun.Of("PileSim", null, arguments);

    /// <summary>A failure: nothing on stdout, one readable line on stderr.</summary>
    private static string OneLineError(ToolRun run, int exitCode)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Errors.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("PileSim: ", line);
        Assert.All(line, c => Assert.InRange(c, ' ', '~'));
        return line;
    }

    [Fact]
    public void RunWritesTheTraceFile()
    {
        var scenario = Temp("s.scn", "0s plug 16A\n1s ev ready\n5s end\n");
        var trace = scenario + ".jsonl";
        var run = PileSim("run", scenario, "--trace", trace);
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(trace);
        Assert.Equal("{\"t\":0,\"ev\":\"boot\",\"reason\":\"PowerOn\",\"number\":1}", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"duty\":266,\"amps\":16"));
    }

    [Fact]
    public void SetOverridesTheDefaultsAndTheScenario()
    {
        var scenario = Temp("s.scn", "0s set pile.ratedCurrentA=20\n0s plug 32A\n5s end\n");
        var run = PileSim("run", scenario, "--set", "pile.ratedCurrentA=10");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"amps\":10", run.Output);
    }

    [Fact]
    public void ABadScenarioRunsNothingAndFails()
    {
        var scenario = Temp("bad.scn", "0s plug\n1s ev fly\n");
        var trace = scenario + ".jsonl";
        var line = OneLineError(PileSim("run", scenario, "--trace", trace), 1);
        Assert.False(File.Exists(trace));
        Assert.EndsWith("line 2: unknown verb 'ev fly'", line);
    }

    [Fact]
    public void ACableRatingNoPlugCodesIsRefusedWithTheAllowedValues() =>
        Assert.EndsWith("line 1: 'plug' takes an optional 10A, 16A, 32A or 63A, not '99A'",
            OneLineError(PileSim("run", Temp("s.scn", "0s plug 99A\n")), 1));

    [Theory]
    [InlineData("0s plug\n1s power restore\n", "line 2: the pile is powered already ('power cut' first)")]
    [InlineData("0s link down\n1s link down\n", "line 2: the network is down already ('link up' first)")]
    [InlineData("0s link up\n", "line 1: the network is up already ('link down' first)")]
    [InlineData("0s limit 81A\n", "line 1: 'limit' takes a whole number in A from 0A to 80A (like 16A), not '81A'")]
    public void AVerbThatCannotTakeEffectFailsTheScenario(string scenario, string error)
    {
        var run = PileSim("run", Temp("s.scn", scenario));
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith(error + "\n", run.Errors);
    }

    [Fact]
    public void ABadSettingIsRefused() =>
        Assert.Equal(2, PileSim("run", Temp("s.scn", "0s plug\n"), "--set", "auth.mode=maybe").ExitCode);

    [Fact]
    public void MemoryPrintsOneJsonLineToStandardErrorAndLeavesTheTraceAlone()
    {
        var scenario = Temp("s.scn", "0s plug 16A\n1s ev ready\n5s power cut\n6s power restore\n8s end\n");
        var plain = scenario + ".jsonl";
        var measured = scenario + ".measured.jsonl";
        Assert.Equal(0, PileSim("run", scenario, "--trace", plain).ExitCode);
        var run = PileSim("run", scenario, "--trace", measured, "--memory");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllLines(plain), File.ReadAllLines(measured));
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^\\{\"startupBytes\":[0-9]+,\"maxBootBytes\":[0-9]+,\"maxTickBytes\":[0-9]+\\}$", line.TrimEnd('\r'));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        // PileSim's fresh process builds some static tables inside its startup: 78,248 bytes measured, a little above the
        // warm figure MemoryBudgetTests holds to 74 KB (docs/performance.md)
        Assert.InRange(json.RootElement.GetProperty("startupBytes").GetInt64(), 1, 78 * 1024);
        // a boot builds this boot's core, outbox, link supervisor, answered commands, console, health monitor and update agent: 55,928 bytes measured
        Assert.InRange(json.RootElement.GetProperty("maxBootBytes").GetInt64(), 1, 56 * 1024);
        Assert.True(json.RootElement.GetProperty("maxTickBytes").GetInt64() > 0, "the tick that opens a session allocates its id");
    }

    /// <summary>docs/performance.md's `--memory` example is what that very command prints.</summary>
    [Fact]
    public void ThePerformanceDocsMemoryExampleIsWhatPileSimPrints()
    {
        const string command = "$ dotnet run --project tools/PileSim -- run tests/scenarios/free-charge.scn --memory > /dev/null";
        var doc = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "performance.md"));
        var at = Array.IndexOf(doc, command);
        Assert.True(at > 0, "docs/performance.md no longer shows " + command);
        var run = PileSim("run", Path.Combine(AppContext.BaseDirectory, "scenarios", "free-charge.scn"), "--memory");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(doc[at + 1], run.Errors.TrimEnd('\n'));
    }

    /// <summary>`--memory` counts exactly only without background GC (PileSim.csproj, docs/performance.md).</summary>
    [Fact]
    public void PileSimRunsWithoutBackgroundGc()
    {
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PileSim.runtimeconfig.json")));
        Assert.False(config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Concurrent").GetBoolean());
    }

    [Fact]
    public void ATraceIntoAFolderThatDoesNotExistFailsBeforeRunning()
    {
        var line = OneLineError(PileSim("run", Temp("s.scn", "0s plug\n"), "--trace", "/nonexistent/dir/x.jsonl"), 1);
        Assert.Equal("PileSim: --trace /nonexistent/dir/x.jsonl: the folder /nonexistent/dir does not exist; create it or name a file in an existing folder", line);
    }

    [Fact]
    public void ATraceThatIsAFolderFails()
    {
        var folder = Directory.CreateTempSubdirectory("pilesim-").FullName;
        Assert.Contains("is a directory: name a file", OneLineError(PileSim("run", Temp("s.scn", "0s plug\n"), "--trace", folder), 1));
    }

    [Fact]
    public void AFolderAsScenarioIsNamedAsAFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pilesim-").FullName;
        Assert.Equal($"PileSim: {folder} is a directory: name a scenario file in it (tests/scenarios/*.scn are examples)",
            OneLineError(PileSim("run", folder), 1));
    }

    [Fact]
    public void AMissingScenarioFails() =>
        Assert.Equal("PileSim: no such scenario file: /nonexistent.scn", OneLineError(PileSim("run", "/nonexistent.scn"), 1));

    [Fact]
    public void ABinaryFileIsNotEchoed()
    {
        var binary = Temp("x.scn", "");
        File.WriteAllBytes(binary, new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0x1b, (byte)'[', (byte)'2', (byte)'J' });
        Assert.Equal($"PileSim: {binary} is not a scenario: it is not text (a scenario has one '<time> <verb>' a line; see docs/scenarios.md)",
            OneLineError(PileSim("run", binary), 1));
        Assert.Contains("is not a scenario", OneLineError(PileSim("run", "/bin/ls"), 1));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "--trace")]
    [InlineData("run", "s.scn", "--trace")]
    [InlineData("run", "s.scn", "--fast")]
    [InlineData("keys", "--html")]
    [InlineData("fly")]
    [InlineData("--set")]
    [InlineData("--set", "pile.phases=2")]
    public void BadUsageExitsTwoWithTheUsage(params string[] arguments)
    {
        var run = PileSim(arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("PileSim: ", run.Errors);
        Assert.Contains("usage:", run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public void HelpAndVersionGoToStandardOutput() =>
        ToolConventions.HelpAndVersionGoToStandardOutput("PileSim", "PileSim", "PileSim run <scenario> [--trace <file>] [--set key=value ...]");

    private static string LongScenario() =>
        Temp("long.scn", string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i * 10}ms limit {6 + i % 10}A\n")));

    [Fact]
    public async Task ALongRunShowsProgressOnATerminal()
    {
        using var terminal = new PseudoTerminal();
        var scenario = LongScenario();
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet \"$1\" run \"$2\" 2>{terminal.DevicePath}");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PileSim.dll"));
        start.ArgumentList.Add(scenario);
        using var process = Process.Start(start)!;
        var trace = process.StandardOutput.ReadToEndAsync();
        var output = await trace;
        Assert.True(process.WaitForExit(120_000), "PileSim did not finish");
        Assert.Equal(0, process.ExitCode);
        var shown = new StringBuilder();
        for (int b; (b = terminal.ReadByte(200)) >= 0;)
            shown.Append((char)b);
        Assert.Contains("PileSim: step 10000 of 10000 (100 %)", shown.ToString());
        Assert.StartsWith("{\"t\":0,\"ev\":\"boot\"", output);
    }

    [Fact]
    public void NoProgressIntoARedirectedStream()
    {
        var run = PileSim("run", LongScenario());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Errors);
    }
}
