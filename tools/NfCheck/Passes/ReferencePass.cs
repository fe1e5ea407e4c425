namespace ChargeController.NfCheck.Passes;

/// <summary>
/// A device assembly may reference nanoFramework's mscorlib (exactly the version the firmware ships with), the other device
/// assemblies being checked, the nanoFramework device libraries declared with --allow, and those declared by an API surface
/// (exactly the surface's version). Nothing else exists on the pile.
/// </summary>
public sealed class ReferencePass : ICheckPass
{
    private readonly Version _mscorlibVersion;
    private readonly IReadOnlySet<string> _allowed;
    private readonly IReadOnlyDictionary<string, Version> _surfaces;

    public ReferencePass(Version mscorlibVersion, IReadOnlySet<string> allowed, IReadOnlyDictionary<string, Version> surfaces)
    {
        _mscorlibVersion = mscorlibVersion;
        _allowed = allowed;
        _surfaces = surfaces;
    }

    public void Run(CheckedAssembly assembly)
    {
        var reader = assembly.Reader;
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            var name = reader.GetString(reference.Name);
            if (name == "mscorlib")
            {
                if (reference.Version != _mscorlibVersion)
                    assembly.Report(Rule.ForeignReference, "references",
                        $"references mscorlib {reference.Version}, not nanoFramework's mscorlib {_mscorlibVersion}");
            }
            else if (_surfaces.TryGetValue(name, out var declared))
            {
                if (reference.Version != declared)
                    assembly.Report(Rule.ForeignReference, "references",
                        $"references {name} {reference.Version}, but its API surface declares version {declared}");
            }
            else if (!_allowed.Contains(name))
            {
                assembly.Report(Rule.ForeignReference, "references",
                    $"references {name} {reference.Version}, which is neither nanoFramework's mscorlib nor a device assembly");
            }
        }
    }
}
