using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>
/// Decodes signatures into reflection-style type names ("System.Int32&amp;", "Outer+Inner", "System.Byte[]") and records the
/// shapes nanoFramework 1.x cannot run: generic instantiations, generic parameters and multi-dimensional arrays.
/// </summary>
public sealed class SignatureNames : ISignatureTypeProvider<string, object?>
{
    private readonly MetadataReader _reader;

    public SignatureNames(MetadataReader reader) => _reader = reader;

    /// <summary>Generic shapes seen since the last <see cref="Reset"/>, by display name.</summary>
    public List<string> Generics { get; } = new();

    /// <summary>Multi-dimensional array shapes seen since the last <see cref="Reset"/>.</summary>
    public List<string> MultiDimensionalArrays { get; } = new();

    public void Reset()
    {
        Generics.Clear();
        MultiDimensionalArrays.Clear();
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "System.Boolean",
        PrimitiveTypeCode.Byte => "System.Byte",
        PrimitiveTypeCode.SByte => "System.SByte",
        PrimitiveTypeCode.Char => "System.Char",
        PrimitiveTypeCode.Int16 => "System.Int16",
        PrimitiveTypeCode.UInt16 => "System.UInt16",
        PrimitiveTypeCode.Int32 => "System.Int32",
        PrimitiveTypeCode.UInt32 => "System.UInt32",
        PrimitiveTypeCode.Int64 => "System.Int64",
        PrimitiveTypeCode.UInt64 => "System.UInt64",
        PrimitiveTypeCode.Single => "System.Single",
        PrimitiveTypeCode.Double => "System.Double",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.Object => "System.Object",
        PrimitiveTypeCode.String => "System.String",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        PrimitiveTypeCode.Void => "System.Void",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        TypeNames.Of(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        TypeNames.Of(reader, handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        var name = elementType + "[" + new string(',', shape.Rank - 1) + "]";
        MultiDimensionalArrays.Add(name);
        return name;
    }

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var name = genericType + "<" + string.Join(",", typeArguments) + ">";
        Generics.Add(name);
        return name;
    }

    public string GetGenericTypeParameter(object? genericContext, int index)
    {
        Generics.Add("!" + index);
        return "!" + index;
    }

    public string GetGenericMethodParameter(object? genericContext, int index)
    {
        Generics.Add("!!" + index);
        return "!!" + index;
    }

    public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetPinnedType(string elementType) => elementType;
}
