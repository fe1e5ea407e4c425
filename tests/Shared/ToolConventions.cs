using Xunit;

namespace ChargeController.TestSupport;

/// <summary>What every tool's command line does alike: `--help` and `--version` on standard output, exit code 0.</summary>
public static class ToolConventions
{
    /// <param name="tool">the dll's name</param>
    /// <param name="name">the name the tool calls itself</param>
    /// <param name="usage">text its usage contains</param>
    public static void HelpAndVersionGoToStandardOutput(string tool, string name, string usage)
    {
        var help = ToolRun.Of(tool, null, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(usage, help.Output);
        Assert.Equal("", help.Errors);
        var version = ToolRun.Of(tool, null, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches($@"^{name} \d+\.\d+\.\d+\n$", version.Output);
    }
}
