using System.Reflection;
using System.Reflection.Metadata;

namespace ChargeController.NfCheck.Passes;

/// <summary>
/// Resolves every mscorlib type and member a device assembly uses against the .NET runtime the tests run on. A member that
/// nanoFramework has and .NET lacks or shapes differently (BitConverter.IsLittleEndian is a property there and a field
/// here; DateTime.ToUnixTimeSeconds exists only there) makes the whole calling method die with MissingMethodException.
/// </summary>
public sealed class RuntimeMemberPass : ICheckPass
{
    private const BindingFlags AllMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
    private static readonly Assembly DotNetMscorlib = Assembly.Load("mscorlib");

    public void Run(CheckedAssembly assembly)
    {
        var reader = assembly.Reader;
        foreach (var handle in reader.TypeReferences)
        {
            if (TypeNames.AssemblyOf(reader, handle) != "mscorlib")
                continue;
            var name = TypeNames.Of(reader, handle);
            if (FindType(name) == null)
                assembly.Report(Rule.MissingOnDotNet, name, "type exists in nanoFramework's mscorlib but not in the .NET runtime the tests use");
        }
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference || TypeNames.AssemblyOf(reader, (TypeReferenceHandle)member.Parent) != "mscorlib")
                continue;
            var type = FindType(TypeNames.Of(reader, (TypeReferenceHandle)member.Parent));
            if (type == null)
                continue; // already reported as a missing type
            var target = CallTarget.Resolve(reader, handle, assembly.Names);
            var found = member.GetKind() == MemberReferenceKind.Method ? HasMethod(type, target) : HasField(type, target);
            if (!found)
                assembly.Report(Rule.MissingOnDotNet, target.Display + " : " + target.ReturnType,
                    "exists in nanoFramework's mscorlib but .NET lacks it or shapes it differently: tests die with MissingMethodException/MissingFieldException");
        }
    }

    private static Type? FindType(string name) => DotNetMscorlib.GetType(name) ?? typeof(object).Assembly.GetType(name);

    private static bool HasField(Type type, CallTarget target)
    {
        var field = type.GetField(target.Name, AllMembers);
        return field != null && NameOf(field.FieldType) == target.ReturnType;
    }

    private static bool HasMethod(Type type, CallTarget target)
    {
        IEnumerable<MethodBase> candidates = target.Name == ".ctor"
            ? type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            : type.GetMethods(AllMembers).Where(m => m.Name == target.Name);
        return candidates.Any(m => m.IsStatic != target.IsInstance && SameSignature(m, target));
    }

    private static bool SameSignature(MethodBase method, CallTarget target)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != target.Parameters.Count)
            return false;
        for (var i = 0; i < parameters.Length; i++)
            if (NameOf(parameters[i].ParameterType) != target.Parameters[i])
                return false;
        var returnType = method is MethodInfo info ? NameOf(info.ReturnType) : "System.Void";
        return returnType == target.ReturnType;
    }

    private static string NameOf(Type type) => type.FullName ?? type.Name;
}
