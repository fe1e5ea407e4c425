using ChargeController.NfCheck.Passes;

namespace ChargeController.NfCheck;

/// <summary>Runs every pass over a set of device assemblies that go onto the pile together.</summary>
public sealed class Checker
{
    public static readonly Version MscorlibVersion = new(1, 17, 11, 0);

    private readonly IReadOnlyList<string> _assemblies;
    private readonly IReadOnlyList<string> _references;
    private readonly IReadOnlySet<string> _allowedReferences;
    private readonly IReadOnlyDictionary<string, Version> _apiSurfaces;

    /// <param name="assemblies">the device assemblies to check</param>
    /// <param name="references">assemblies they use but that are not checked (nanoFramework's mscorlib, API surfaces): read
    /// for their enums; reference assemblies among them are declared device libraries (<see cref="ApiSurfaces"/>)</param>
    /// <param name="allowedReferences">nanoFramework device libraries the assemblies may reference besides mscorlib</param>
    public Checker(IReadOnlyList<string> assemblies, IReadOnlyList<string> references, IEnumerable<string> allowedReferences)
    {
        _assemblies = assemblies;
        _references = references;
        var allowed = new HashSet<string>(allowedReferences);
        foreach (var path in assemblies)
            allowed.Add(Path.GetFileNameWithoutExtension(path));
        _allowedReferences = allowed;
        _apiSurfaces = ApiSurfaces.Of(references);
    }

    public CheckResult Run()
    {
        var types = TypeIndex.Of(_assemblies.Concat(_references));
        var calls = CallGraph.Of(_assemblies.Concat(_references));
        ICheckPass[] passes =
        {
            new ShapePass(), new TextConversionPass(), new FormatStringPass(),
            new ReferencePass(MscorlibVersion, _allowedReferences, _apiSurfaces), new RuntimeMemberPass(), new StringArrayPass(),
            new StructArrayPass(), new StaticConstructorPass(calls), new SleepZeroPass(), new ByteCodePass(),
        };
        var findings = new List<Finding>();
        var sizes = new List<SizeReport>();
        foreach (var path in _assemblies)
        {
            using var assembly = new CheckedAssembly(path, types);
            foreach (var pass in passes)
                pass.Run(assembly);
            findings.AddRange(assembly.Findings);
            sizes.Add(SizeReport.Of(assembly));
        }
        return new CheckResult(findings, sizes);
    }
}

public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<SizeReport> Sizes);
