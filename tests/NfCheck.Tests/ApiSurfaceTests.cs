using System.Runtime.Loader;
using System.Xml.Linq;
using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// hal/Esp32/ApiSurface declares the nanoFramework device libraries so the ESP32 adapters type-check here. Those
/// declarations must never run: they are reference assemblies no runtime loads, nothing copies them beside code that runs,
/// and nothing but hal/Esp32 compiles against them.
/// </summary>
public class ApiSurfaceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "apisurface");
    private static readonly string RepoRoot = FindRepoRoot();

    private static string[] Surfaces() => Directory.GetFiles(Folder, "*.dll");

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "nf.proj")))
            directory = directory.Parent;
        return directory.FullName;
    }

    [Fact]
    public void EverySurfaceIsAReferenceAssemblyTheCheckerDeclares()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoRoot, "hal", "Esp32", "ApiSurface")).Select(Path.GetFileName).ToHashSet();
        var declared = ApiSurfaces.Of(Surfaces());
        Assert.Equal(projects.OrderBy(n => n), declared.Keys.OrderBy(n => n));
        Assert.DoesNotContain(declared.Values, v => v == new Version(0, 0, 0, 0));
    }

    [Fact]
    public void NoRuntimeLoadsASurface()
    {
        foreach (var path in Surfaces())
        {
            var context = new AssemblyLoadContext("surface-probe", isCollectible: true);
            try
            {
                Assert.Throws<BadImageFormatException>(() => context.LoadFromAssemblyPath(path));
            }
            finally
            {
                context.Unload();
            }
        }
    }

    [Fact]
    public void OnlyTheEsp32AdaptersCompileAgainstSurfacesAndNoneCopiesThem()
    {
        var surfaceFolder = Path.Combine(RepoRoot, "hal", "Esp32", "ApiSurface") + Path.DirectorySeparatorChar;
        var esp32Folder = Path.Combine(RepoRoot, "hal", "Esp32") + Path.DirectorySeparatorChar;
        var projects = Directory.GetFiles(RepoRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var checkedReferences = 0;
        foreach (var project in projects)
        {
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value;
                if (include.StartsWith("@("))
                    include = reference.Document!.Descendants("ApiSurfaceProject").Single().Attribute("Include")!.Value;
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', '/')));
                if (!target.StartsWith(esp32Folder))
                    continue;
                checkedReferences++;
                var compilesAgainst = reference.Attribute("ReferenceOutputAssembly")?.Value != "false";
                if (compilesAgainst)
                    Assert.True(project.StartsWith(esp32Folder), $"{project} compiles against {include}: only hal/Esp32 may");
                if (target.StartsWith(surfaceFolder))
                    Assert.True(reference.Attribute("Private")?.Value == "false", $"{project} would copy {include} into its output");
            }
        }
        Assert.True(checkedReferences > 0);
    }

    [Fact]
    public void ProjectsOnTopOfTheAdaptersDoNotInheritTheirSurfaces()
    {
        // SDK projects inherit project references transitively, without Private=false: the surfaces would be copied.
        var users = Directory.GetFiles(Path.Combine(RepoRoot, "hal", "Esp32"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => XDocument.Load(p).Descendants("ProjectReference")
                .Any(r => r.Attribute("Include")!.Value.Replace('\\', '/').EndsWith("ChargeController.Esp32.csproj")))
            .ToList();
        Assert.NotEmpty(users);
        foreach (var project in users)
            Assert.True(XDocument.Load(project).Descendants("DisableTransitiveProjectReferences").Any(e => e.Value == "true"),
                $"{project} references the adapters without DisableTransitiveProjectReferences: it would copy their surfaces");
    }
}
