using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>
/// Which type names are enums, across the checked assemblies and their references (nanoFramework's mscorlib included),
/// so an enum defined in one device assembly is recognised where another one turns it into text.
/// </summary>
public sealed class TypeIndex
{
    private readonly HashSet<string> _enums = new();

    public static TypeIndex Of(IEnumerable<string> assemblyPaths)
    {
        var index = new TypeIndex();
        foreach (var path in assemblyPaths)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                var baseType = reader.GetTypeDefinition(handle).BaseType;
                if (baseType.Kind == HandleKind.TypeReference && TypeNames.Of(reader, (TypeReferenceHandle)baseType) == "System.Enum")
                    index._enums.Add(TypeNames.Of(reader, handle));
            }
        }
        return index;
    }

    public bool IsEnum(string typeName) => _enums.Contains(typeName);

    public static bool IsFloatingPoint(string typeName) => typeName is "System.Single" or "System.Double";
}
