using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>
/// Which type names are enums and which are structs, across the checked assemblies and their references (nanoFramework's
/// mscorlib included), so a type defined in one assembly is recognised where another one uses it.
/// </summary>
public sealed class TypeIndex
{
    private readonly HashSet<string> _enums = new();
    private readonly HashSet<string> _structs = new();

    public static TypeIndex Of(IEnumerable<string> assemblyPaths)
    {
        var index = new TypeIndex();
        foreach (var path in assemblyPaths)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                var name = TypeNames.Of(reader, handle);
                switch (BaseTypeName(reader, reader.GetTypeDefinition(handle).BaseType))
                {
                    case "System.Enum":
                        index._enums.Add(name);
                        break;
                    case "System.ValueType" when name != "System.Enum": // mscorlib's Enum derives from ValueType and is no struct
                        index._structs.Add(name);
                        break;
                }
            }
        }
        return index;
    }

    public bool IsEnum(string typeName) => _enums.Contains(typeName);

    /// <summary>A value type that is not an enum: a struct, or one of mscorlib's primitives (System.Int32 derives from ValueType too).</summary>
    public bool IsStruct(string typeName) => _structs.Contains(typeName);

    public static bool IsFloatingPoint(string typeName) => typeName is "System.Single" or "System.Double";

    /// <summary>The base type's name, whether it is referenced (most assemblies) or defined alongside (in mscorlib itself).</summary>
    private static string? BaseTypeName(MetadataReader reader, EntityHandle baseType) => baseType.IsNil ? null : baseType.Kind switch
    {
        HandleKind.TypeReference => TypeNames.Of(reader, (TypeReferenceHandle)baseType),
        HandleKind.TypeDefinition => TypeNames.Of(reader, (TypeDefinitionHandle)baseType),
        _ => null,
    };
}
