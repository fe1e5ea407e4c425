using System.Text.RegularExpressions;
using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests;

/// <summary>docs/flashing.md against the device solution on disk and the firmware: the statements a reader acts on.</summary>
public partial class FlashingDocTests
{
    private static readonly string Esp32 = Path.Combine(RepositoryLinksTests.Root, "hal", "Esp32");
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "flashing.md"));
    private static readonly string[] Numbers = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten" };

    [GeneratedRegex(@"^\| `([\w/.]+\.nfproj)` \|", RegexOptions.Multiline)]
    private static partial Regex ProjectRow();

    /// <summary>Every .nfproj under hal/Esp32, relative to it with '/' (Core/ChargeController.Hal.nfproj).</summary>
    private static string[] ProjectsOnDisk() =>
        Directory.GetFiles(Esp32, "*.nfproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Esp32, path).Replace('\\', '/')).Order().ToArray();

    [Fact]
    public void TheProjectsTableListsEveryProjectOfTheDeviceSolution()
    {
        var documented = ProjectRow().Matches(Doc).Select(match => match.Groups[1].Value).Order().ToArray();
        Assert.Equal(ProjectsOnDisk(), documented);
        var solution = File.ReadAllText(Path.Combine(Esp32, "ChargeController.Device.sln"));
        Assert.All(documented, project => Assert.Contains('"' + project.Replace('/', '\\') + '"', solution));
        Assert.Contains($"It holds {Numbers[documented.Length]} nanoFramework", Doc.ReplaceLineEndings(" "));
    }

    [Fact]
    public void TheImagesFileListNamesEveryAssemblyTheAppReferences()
    {
        var app = File.ReadAllText(Path.Combine(Esp32, "App", "ChargeController.App.nfproj"));
        var referenced = Regex.Matches(app, @"ProjectReference Include=""[^""]*ChargeController\.(\w+)\.nfproj""").Select(match => match.Groups[1].Value).ToArray();
        Assert.NotEmpty(referenced);
        var list = Regex.Match(Doc.ReplaceLineEndings(" "), @"`ChargeController\.App\.bin` \(all\s+`\.pe` files of the application concatenated: ([^)]*)\)").Groups[1].Value;
        Assert.All(referenced.Append("App"), assembly => Assert.Contains(" " + assembly + ",", " " + list.Replace(" App", " App,")));
    }

    [Fact]
    public void TheFactoryPinIsTheFirmwaresConstant()
    {
        Assert.Contains($"`ConsoleAccess.DefaultFactoryPin`", Doc);
        Assert.Contains($"`{ConsoleAccess.DefaultFactoryPin}` as shipped here", Doc.ReplaceLineEndings(" "));
    }
}
