using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>
/// What an IL call, callvirt or newobj names: declaring type, member name and signature, as reflection spells them, and
/// whether it takes a `this` besides its parameters.
/// </summary>
public sealed record CallTarget(string DeclaringType, string Name, IReadOnlyList<string> Parameters, string ReturnType, bool IsInstance = false)
{
    public string Display => DeclaringType + "::" + Name + "(" + string.Join(",", Parameters) + ")";

    public static CallTarget Resolve(MetadataReader reader, EntityHandle handle, SignatureNames names)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                var signature = method.DecodeSignature(names, null);
                return new CallTarget(TypeNames.Of(reader, method.GetDeclaringType()), reader.GetString(method.Name),
                    signature.ParameterTypes, signature.ReturnType, signature.Header.IsInstance);
            }
            case HandleKind.MemberReference:
            {
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                var declaring = member.Parent.Kind == HandleKind.MethodDefinition
                    ? TypeNames.Of(reader, reader.GetMethodDefinition((MethodDefinitionHandle)member.Parent).GetDeclaringType())
                    : TypeNames.Of(reader, member.Parent, names);
                var name = reader.GetString(member.Name);
                if (member.GetKind() != MemberReferenceKind.Method)
                    return new CallTarget(declaring, name, Array.Empty<string>(), member.DecodeFieldSignature(names, null));
                var signature = member.DecodeMethodSignature(names, null);
                return new CallTarget(declaring, name, signature.ParameterTypes, signature.ReturnType, signature.Header.IsInstance);
            }
            case HandleKind.MethodSpecification:
                return Resolve(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method, names);
            default:
                return new CallTarget(handle.Kind.ToString(), "?", Array.Empty<string>(), "?");
        }
    }
}
