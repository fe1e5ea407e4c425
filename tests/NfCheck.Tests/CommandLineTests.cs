using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>nfcheck as a user runs it, a separate process: help, version, one assembly alone, a folder, a file that is no assembly.</summary>
public class CommandLineTests
{
    private static readonly string Mscorlib = DeviceCompiler.NanoMscorlib;

    private static ToolRun NfCheck(params string[] arguments) => ToolRun.Of("NfCheck", null, arguments);

    private static string Beside(string dll) => Path.Combine(AppContext.BaseDirectory, dll);

    [Fact]
    public void HelpAndVersionGoToStandardOutput() =>
        ToolConventions.HelpAndVersionGoToStandardOutput("NfCheck", "nfcheck", "usage: nfcheck [--reference <dll>]");

    [Fact]
    public void OneDeviceAssemblyAloneFindsItsSiblingBesideIt()
    {
        var run = NfCheck("--reference", Mscorlib, Beside("ChargeController.Firmware.dll"));
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.EndsWith("nfcheck: 1 assemblies, nothing found\n", run.Output);
    }

    [Fact]
    public void AFolderStandsForItsAssemblies()
    {
        var folder = Directory.CreateTempSubdirectory("nfcheck-").FullName;
        foreach (var dll in new[] { "ChargeController.Hal.dll", "ChargeController.Loader.dll", "ChargeController.Firmware.dll" })
            File.Copy(Beside(dll), Path.Combine(folder, dll));
        var run = NfCheck("--reference", Mscorlib, folder);
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("ChargeController.Hal", run.Output);
        Assert.EndsWith("nfcheck: 3 assemblies, nothing found\n", run.Output);
    }

    [Fact]
    public void AFileThatIsNoAssemblyIsSaidSo()
    {
        var text = Path.Combine(Directory.CreateTempSubdirectory("nfcheck-").FullName, "notes.dll");
        File.WriteAllText(text, "not an assembly");
        var run = NfCheck(text);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"nfcheck: {text} is not a .NET assembly: name the device assemblies (.dll) that dotnet build nf.proj makes\n", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("--reference")]
    [InlineData("--fast", "x.dll")]
    [InlineData("/nonexistent.dll")]
    public void BadUsageExitsTwo(params string[] arguments)
    {
        var run = NfCheck(arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: nfcheck", run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
    }
}
