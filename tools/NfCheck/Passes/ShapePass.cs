using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ChargeController.NfCheck.Passes;

/// <summary>
/// Generic types and methods (defined, instantiated, or used through a generic delegate such as Action&lt;T&gt; a lambda
/// produces) and multi-dimensional arrays, wherever a signature or an IL operand names them.
/// </summary>
public sealed class ShapePass : ICheckPass
{
    public void Run(CheckedAssembly assembly)
    {
        var reader = assembly.Reader;
        foreach (var handle in reader.TypeDefinitions)
            CheckType(assembly, handle);
        foreach (var handle in reader.FieldDefinitions)
        {
            var field = reader.GetFieldDefinition(handle);
            Inspect(assembly, TypeNames.FieldOf(reader, handle), () => field.DecodeSignature(assembly.Names, null));
        }
        foreach (var handle in reader.MethodDefinitions)
            CheckMethod(assembly, handle);
    }

    private static void CheckType(CheckedAssembly assembly, TypeDefinitionHandle handle)
    {
        var reader = assembly.Reader;
        var type = reader.GetTypeDefinition(handle);
        var location = TypeNames.Of(reader, handle);
        if (type.GetGenericParameters().Count > 0)
            assembly.Report(Rule.Generic, location, "defines a generic type");
        if (!type.BaseType.IsNil)
            Inspect(assembly, location, () => TypeNames.Of(reader, type.BaseType, assembly.Names));
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            var implemented = reader.GetInterfaceImplementation(implementation).Interface;
            Inspect(assembly, location, () => TypeNames.Of(reader, implemented, assembly.Names));
        }
    }

    private static void CheckMethod(CheckedAssembly assembly, MethodDefinitionHandle handle)
    {
        var reader = assembly.Reader;
        var method = reader.GetMethodDefinition(handle);
        var location = TypeNames.MethodOf(reader, handle);
        if (method.GetGenericParameters().Count > 0)
            assembly.Report(Rule.Generic, location, "defines a generic method");
        Inspect(assembly, location, () => method.DecodeSignature(assembly.Names, null));

        var body = assembly.BodyOf(handle);
        if (body == null)
            return;
        if (!body.LocalSignature.IsNil)
        {
            var locals = reader.GetStandaloneSignature(body.LocalSignature);
            Inspect(assembly, location, () => locals.DecodeLocalSignature(assembly.Names, null));
        }
        foreach (var instruction in IlReader.Read(body))
        {
            if (instruction.Token == 0 || (instruction.Token >> 24) == 0x70)
                continue; // no operand, or a user string
            var operand = MetadataTokens.EntityHandle(instruction.Token);
            Inspect(assembly, location, () => DecodeOperand(assembly, operand));
        }
    }

    private static object? DecodeOperand(CheckedAssembly assembly, EntityHandle operand)
    {
        var reader = assembly.Reader;
        switch (operand.Kind)
        {
            case HandleKind.TypeSpecification:
                return TypeNames.Of(reader, operand, assembly.Names);
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)operand);
                var arguments = specification.DecodeSignature(assembly.Names, null);
                assembly.Names.Generics.Add(CallTarget.Resolve(reader, specification.Method, assembly.Names).DeclaringType + "::" +
                    MethodName(reader, specification.Method) + "<" + string.Join(",", arguments) + ">");
                return null;
            case HandleKind.MemberReference:
                return CallTarget.Resolve(reader, operand, assembly.Names);
            case HandleKind.StandaloneSignature:
                return reader.GetStandaloneSignature((StandaloneSignatureHandle)operand).DecodeMethodSignature(assembly.Names, null);
            default:
                return null;
        }
    }

    private static string MethodName(MetadataReader reader, EntityHandle method) => method.Kind == HandleKind.MethodDefinition
        ? reader.GetString(reader.GetMethodDefinition((MethodDefinitionHandle)method).Name)
        : reader.GetString(reader.GetMemberReference((MemberReferenceHandle)method).Name);

    private static void Inspect(CheckedAssembly assembly, string location, Func<object?> decode)
    {
        assembly.Names.Reset();
        decode();
        foreach (var generic in assembly.Names.Generics)
            if (!generic.StartsWith('!'))
                assembly.Report(Rule.Generic, location, "uses generic " + generic);
            else
                assembly.Report(Rule.Generic, location, "uses a generic parameter");
        foreach (var array in assembly.Names.MultiDimensionalArrays)
            assembly.Report(Rule.MultiDimensionalArray, location, "uses multi-dimensional array " + array);
    }
}
