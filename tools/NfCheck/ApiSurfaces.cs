using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>
/// Declared device libraries: reference assemblies (hal/Esp32/ApiSurface) handed to the checker as references. They stand
/// for nanoFramework libraries that exist on the device, so a device assembly may reference them, at exactly the version
/// declared. An implementation assembly passed as a reference declares nothing: only reference assemblies can never be
/// mistaken for code that runs.
/// </summary>
public static class ApiSurfaces
{
    private const string ReferenceAssemblyAttribute = "System.Runtime.CompilerServices.ReferenceAssemblyAttribute";

    public static IReadOnlyDictionary<string, Version> Of(IEnumerable<string> referencePaths)
    {
        var surfaces = new Dictionary<string, Version>();
        foreach (var path in referencePaths)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly || !IsReferenceAssembly(reader))
                continue;
            var definition = reader.GetAssemblyDefinition();
            surfaces[reader.GetString(definition.Name)] = definition.Version;
        }
        return surfaces;
    }

    /// <summary>The assembly declares members without bodies (ReferenceAssemblyAttribute): a declared device library.</summary>
    public static bool IsReferenceAssembly(MetadataReader reader)
    {
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var constructor = reader.GetCustomAttribute(handle).Constructor;
            var type = constructor.Kind == HandleKind.MethodDefinition
                ? TypeNames.Of(reader, reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType())
                : TypeNames.Of(reader, reader.GetMemberReference((MemberReferenceHandle)constructor).Parent, new SignatureNames(reader));
            if (type == ReferenceAssemblyAttribute)
                return true;
        }
        return false;
    }
}
