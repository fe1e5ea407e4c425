namespace ChargeController.NfCheck.Passes;

/// <summary>
/// A device assembly may reference nanoFramework's mscorlib (exactly the version the firmware ships with), the other device
/// assemblies being checked, and the nanoFramework device libraries declared with --allow. Nothing else exists on the pile.
/// </summary>
public sealed class ReferencePass : ICheckPass
{
    private readonly Version _mscorlibVersion;
    private readonly IReadOnlySet<string> _allowed;

    public ReferencePass(Version mscorlibVersion, IReadOnlySet<string> allowed)
    {
        _mscorlibVersion = mscorlibVersion;
        _allowed = allowed;
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
            else if (!_allowed.Contains(name))
            {
                assembly.Report(Rule.ForeignReference, "references",
                    $"references {name} {reference.Version}, which is neither nanoFramework's mscorlib nor a device assembly");
            }
        }
    }
}
