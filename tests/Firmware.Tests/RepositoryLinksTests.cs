using System.Text.RegularExpressions;
using Xunit;

namespace ChargeController.Tests;

/// <summary>
/// Every link in the docs and the README, and every repository path that the docs or the code's comments name, leads to
/// something in this repository: a reader on a fresh clone can follow each one.
/// </summary>
public partial class RepositoryLinksTests
{
    /// <summary>The repository's root folder (where ChargeController.sln is).</summary>
    internal static readonly string Root = FindRoot();

    [GeneratedRegex(@"\]\(([^)\s#]+)(?:#[^)]*)?\)")]
    private static partial Regex MarkdownLink();

    /// <summary>A relative path with a folder and a file type, e.g. docs/faults.md or firmware/Pilot/PilotDuty.cs.</summary>
    [GeneratedRegex(@"(?<![\w./*<{-])((?:[\w.-]+/)+[\w.-]+\.(?:md|cs|csproj|props|proj|scn|jsonl|sh|txt))(?![\w*])")]
    private static partial Regex NamedPath();

    /// <summary>Its comments name each declared member's source file in the nanoFramework library's own repository.</summary>
    private static readonly string UpstreamSurfaces = Path.Combine("hal", "Esp32", "ApiSurface") + "/";

    public static IEnumerable<object[]> Texts() =>
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"))
            .Concat(new[] { "firmware", "runtime", "hal", "tools", "tests" }.SelectMany(folder =>
                Directory.GetFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories)))
            .Where(path => path.EndsWith(".md") || path.EndsWith(".cs") || path.EndsWith("proj") || path.EndsWith(".props"))
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"))
            .Select(path => Path.GetRelativePath(Root, path))
            .Where(path => !path.StartsWith(UpstreamSurfaces))
            .Select(path => new object[] { path });

    [Theory]
    [MemberData(nameof(Texts))]
    public void EveryLinkAndNamedPathResolvesInsideTheRepository(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));
        var folder = Path.GetDirectoryName(Path.Combine(Root, file))!;
        var broken = new List<string>();
        if (file.EndsWith(".md"))
            foreach (Match link in MarkdownLink().Matches(text))
            {
                var target = link.Groups[1].Value;
                if (!target.Contains("://") && !target.StartsWith("mailto:") && !Exists(Path.Combine(folder, target)))
                    broken.Add("link " + target);
            }
        foreach (Match named in NamedPath().Matches(text))
        {
            var path = named.Groups[1].Value;
            if (!Resolves(path, folder))
                broken.Add("path " + path);
        }
        Assert.Empty(broken);
    }

    [Fact]
    public void AReferenceOutsideTheRepositoryIsCaught()
    {
        const string outside = "shared/reference/" + "anchors.md", inFirmware = "Safety/" + "FaultPolicies.cs"; // not named here
        Assert.Equal(outside, NamedPath().Match($"Compared with ({outside}):").Groups[1].Value);
        Assert.False(Resolves(outside, Path.Combine(Root, "docs")));
        Assert.True(Resolves(inFirmware, Path.Combine(Root, "firmware", "Pilot")));
    }

    /// <summary>A path resolves from the repository root, or from the naming file's folder or one of its parents inside the repository.</summary>
    private static bool Resolves(string path, string folder)
    {
        for (var from = folder; from.StartsWith(Root); from = Path.GetDirectoryName(from)!)
            if (Exists(Path.Combine(from, path)))
                return true;
        return false;
    }

    private static bool Exists(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root) && (File.Exists(full) || Directory.Exists(full));
    }

    private static string FindRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder != null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(Path.Combine(folder, "ChargeController.sln")))
                return folder.TrimEnd('/');
        throw new InvalidOperationException("the tests run outside the repository: no ChargeController.sln above " + AppContext.BaseDirectory);
    }
}
