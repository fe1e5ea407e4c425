using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>Reflection-style full names for metadata handles, so findings and .NET look-ups agree on spelling.</summary>
public static class TypeNames
{
    public static string Of(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
            return Of(reader, declaring) + "+" + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string Of(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return Of(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Name of a type token as found in IL or in a member's parent (TypeDef, TypeRef or TypeSpec).</summary>
    public static string Of(MetadataReader reader, EntityHandle handle, SignatureNames names) => handle.Kind switch
    {
        HandleKind.TypeDefinition => Of(reader, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => Of(reader, (TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(names, null),
        _ => handle.Kind.ToString(),
    };

    /// <summary>The assembly a type reference points into, or null when it is defined in the assembly itself.</summary>
    public static string? AssemblyOf(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
            scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        return scope.Kind == HandleKind.AssemblyReference
            ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    public static string MethodOf(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return Of(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
    }

    public static string FieldOf(MetadataReader reader, FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        return Of(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
    }
}
