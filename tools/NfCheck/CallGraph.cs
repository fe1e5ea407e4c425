using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>A static field by its declaring type's reflection-style name and its own name.</summary>
public readonly record struct StaticField(string Type, string Name)
{
    public override string ToString() => Type + "::" + Name;
}

/// <summary>
/// Which static fields each method with a body reads and writes and which methods it calls, across the device assemblies
/// and their references (nanoFramework's mscorlib included), so a static constructor can be followed through the calls it
/// makes into any of them. Methods are keyed by <see cref="CallTarget.Display"/>, so a call in one assembly meets the
/// definition in another. A call is followed to the method it names: an override, an interface's implementation or a
/// delegate's target is not seen.
/// </summary>
public sealed class CallGraph
{
    private sealed record Body(List<StaticField> Reads, List<StaticField> Writes, List<string> Calls);

    private readonly Dictionary<string, Body> _bodies = new();
    private readonly Dictionary<string, string> _staticConstructors = new();
    private readonly HashSet<StaticField> _unseen = new();
    private readonly Dictionary<string, HashSet<StaticField>> _setAtStartUp = new();

    public static CallGraph Of(IEnumerable<string> assemblyPaths)
    {
        var graph = new CallGraph();
        foreach (var path in assemblyPaths)
        {
            using var pe = new PEReader(File.OpenRead(path));
            graph.Add(pe, pe.GetMetadataReader());
        }
        return graph;
    }

    /// <summary>The key of a type's static constructor, or null when it has none.</summary>
    public string? StaticConstructorOf(string type) => _staticConstructors.GetValueOrDefault(type);

    /// <summary>
    /// Every static field the method reads (ldsfld, ldsflda), itself or through the methods it calls, each once with the
    /// shortest chain of calls that reaches it (empty when the method reads it itself).
    /// </summary>
    public IEnumerable<(StaticField Field, IReadOnlyList<string> Via)> StaticReads(string method)
    {
        var reported = new HashSet<StaticField>();
        foreach (var (body, via) in Reachable(method))
            foreach (var field in body.Reads)
                if (reported.Add(field))
                    yield return (field, via);
    }

    /// <summary>
    /// The field is given its value at start-up by its own type's static constructor (directly or through what that
    /// calls), or belongs to a declared device library, whose constructors carry no body to look into.
    /// </summary>
    public bool IsSetAtStartUp(StaticField field)
    {
        if (_unseen.Contains(field))
            return true;
        if (StaticConstructorOf(field.Type) is not { } constructor)
            return false;
        if (!_setAtStartUp.TryGetValue(constructor, out var set))
            _setAtStartUp[constructor] = set = Reachable(constructor).SelectMany(reached => reached.Body.Writes).ToHashSet();
        return set.Contains(field);
    }

    /// <summary>The method's body and every body it reaches through calls, breadth first, each with the calls that lead there.</summary>
    private IEnumerable<(Body Body, IReadOnlyList<string> Via)> Reachable(string method)
    {
        if (!_bodies.TryGetValue(method, out var start))
            yield break;
        var seen = new HashSet<string> { method };
        var queue = new Queue<(Body, IReadOnlyList<string>)>();
        queue.Enqueue((start, Array.Empty<string>()));
        while (queue.Count > 0)
        {
            var (body, via) = queue.Dequeue();
            yield return (body, via);
            foreach (var callee in body.Calls)
                if (_bodies.TryGetValue(callee, out var next) && seen.Add(callee))
                    queue.Enqueue((next, via.Append(callee).ToList()));
        }
    }

    private void Add(PEReader pe, MetadataReader reader)
    {
        var names = new SignatureNames(reader);
        var declaresOnly = ApiSurfaces.IsReferenceAssembly(reader);
        foreach (var handle in reader.MethodDefinitions)
        {
            var definition = reader.GetMethodDefinition(handle);
            var key = CallTarget.Resolve(reader, handle, names).Display;
            if (reader.GetString(definition.Name) == ".cctor")
                _staticConstructors.TryAdd(TypeNames.Of(reader, definition.GetDeclaringType()), key);
            if (definition.RelativeVirtualAddress != 0)
                _bodies.TryAdd(key, BodyOf(IlReader.Read(pe.GetMethodBody(definition.RelativeVirtualAddress)), reader, names));
        }
        if (declaresOnly)
            foreach (var handle in reader.FieldDefinitions)
            {
                var field = reader.GetFieldDefinition(handle);
                if ((field.Attributes & (FieldAttributes.Static | FieldAttributes.Literal)) == FieldAttributes.Static)
                    _unseen.Add(new StaticField(TypeNames.Of(reader, field.GetDeclaringType()), reader.GetString(field.Name)));
            }
    }

    private static Body BodyOf(List<IlInstruction> instructions, MetadataReader reader, SignatureNames names)
    {
        var body = new Body(new List<StaticField>(), new List<StaticField>(), new List<string>());
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            var opCode = instruction.OpCode;
            if (opCode == OpCodes.Ldsfld || opCode == OpCodes.Ldsflda)
                body.Reads.Add(FieldOf(reader, instruction, names));
            else if (opCode == OpCodes.Stsfld)
                body.Writes.Add(FieldOf(reader, instruction, names));
            else if (instruction.IsCall && !IsThrownException(instructions, i))
                body.Calls.Add(CallTarget.Resolve(reader, MetadataTokens.EntityHandle(instruction.Token), names).Display);
        }
        return body;
    }

    /// <summary>
    /// `throw new X(..)`: an exception's constructor (mscorlib's read their message texts from static fields) runs only
    /// on a path that fails anyway, so it is not followed.
    /// </summary>
    private static bool IsThrownException(List<IlInstruction> instructions, int index) =>
        instructions[index].OpCode == OpCodes.Newobj && index + 1 < instructions.Count && instructions[index + 1].OpCode == OpCodes.Throw;

    private static StaticField FieldOf(MetadataReader reader, IlInstruction access, SignatureNames names)
    {
        var handle = MetadataTokens.EntityHandle(access.Token);
        if (handle.Kind == HandleKind.FieldDefinition)
        {
            var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
            return new StaticField(TypeNames.Of(reader, field.GetDeclaringType()), reader.GetString(field.Name));
        }
        var target = CallTarget.Resolve(reader, handle, names); // a field of another assembly: its declaring type and name
        return new StaticField(target.DeclaringType, target.Name);
    }
}
