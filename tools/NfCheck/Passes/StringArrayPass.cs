using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ChargeController.NfCheck.Passes;

/// <summary>
/// String arrays whose elements are left unassigned. nanoCLR zero-fills a new string array (and what Array.Clear clears)
/// into elements typed string with no text, not proper nulls: comparing one, or any copy of it, with ==, string.Equals or
/// string.Compare crashes the interpreter, and `x == null` as a value is false. The value travels through locals,
/// arguments and fields, so the rule holds where the array is made: every `newarr System.String` must be of constant
/// length 0, filled by <c>Strings.Filled</c> straight away, or an initializer that stores every element (the compiler
/// stores nothing for a null in an initializer). Array.Clear is reported when its array is statically a string[].
/// </summary>
public sealed class StringArrayPass : ICheckPass
{
    private const string FillHelper = "ChargeController.Firmware.Text.Strings";
    private const string StringArray = "System.String[]";
    private const string Consequence = "on nanoCLR such an element is not a proper null (comparing it with ==, string.Equals " +
        "or string.Compare crashes the interpreter; == null is false).";

    public void Run(CheckedAssembly assembly)
    {
        foreach (var (handle, location, instructions) in assembly.MethodBodies())
        {
            var flow = new IlFlow(assembly, instructions);
            for (var i = 0; i < instructions.Count; i++)
            {
                if (instructions[i].OpCode == OpCodes.Newarr && assembly.TypeOperand(instructions[i]) == "System.String")
                    CheckCreation(assembly, location, flow, i);
                else if (instructions[i].IsCall && IsArrayClear(assembly.Call(instructions[i])))
                    CheckClear(assembly, handle, location, flow, i);
            }
        }
    }

    private static void CheckCreation(CheckedAssembly assembly, string location, IlFlow flow, int newarr)
    {
        var length = newarr > 0 && !flow.IsJoin(newarr) ? IlFlow.Constant(flow[newarr - 1]) : null;
        var next = flow.Next(newarr);
        if (next >= 0 && IsFill(assembly, flow[next]))
            return;
        var stored = new HashSet<int>();
        var after = InitializerEnd(flow, newarr, stored);
        var unassigned = length == null ? null : Enumerable.Range(0, length.Value).Where(index => !stored.Contains(index)).ToList();
        if (unassigned is { Count: 0 })
            return; // every element stored, or a constant length 0
        var destination = after >= 0 && IsStore(flow[after]) ? " (stored in " + Destination(assembly, flow[after]) + ")" : "";
        var problem = unassigned == null || stored.Count == 0
            ? "whose elements are never assigned"
            : $"whose initializer leaves element{(unassigned.Count > 1 ? "s" : "")} {string.Join(", ", unassigned)} unassigned " +
              "(the compiler stores nothing for a null)";
        assembly.Report(Rule.UnassignedStrings, location, $"makes a string array{destination} {problem}: {Consequence} " +
            "Make it with Strings.Filled(new string[n]) or an initializer that names every element.");
    }

    /// <summary>
    /// Follows an array initializer (dup, constant index, value, stelem) element by element, adding each index it stores.
    /// </summary>
    /// <returns>the instruction that takes the finished array, or -1 where the path cannot be followed</returns>
    private static int InitializerEnd(IlFlow flow, int newarr, HashSet<int> stored)
    {
        var at = flow.Next(newarr);
        while (at >= 0 && flow[at].OpCode == OpCodes.Dup)
        {
            var indexAt = flow.Next(at);
            var index = indexAt >= 0 ? IlFlow.Constant(flow[indexAt]) : null;
            if (index == null)
                return at;
            // values above the duplicated array: the index, then the element's value once it is computed
            var depth = 0;
            var j = indexAt;
            for (; j >= 0; j = flow.Next(j))
            {
                var effect = flow.Effect(j);
                if (effect == null)
                    return -1;
                if (depth < effect.Value.Pops)
                    break; // takes the duplicated array
                depth += effect.Value.Pushes - effect.Value.Pops;
            }
            if (j < 0 || depth != 2 || (flow[j].OpCode != OpCodes.Stelem_Ref && flow[j].OpCode != OpCodes.Stelem))
                return at;
            stored.Add(index.Value);
            at = flow.Next(j);
        }
        return at;
    }

    private static bool IsFill(CheckedAssembly assembly, IlInstruction instruction)
    {
        if (instruction.OpCode != OpCodes.Call)
            return false;
        var call = assembly.Call(instruction);
        return call.DeclaringType == FillHelper && call.Name == "Filled" && call.Parameters.SequenceEqual(new[] { StringArray });
    }

    private static bool IsArrayClear(CallTarget call) => call.DeclaringType == "System.Array" && call.Name == "Clear";

    private static void CheckClear(CheckedAssembly assembly, MethodDefinitionHandle method, string location, IlFlow flow, int call)
    {
        var producer = ArgumentProducer(flow, call, assembly.Call(flow[call]).Parameters.Count);
        if (producer < 0 || TypeOfLoad(assembly, method, flow[producer]) is not (StringArray, var name))
            return;
        assembly.Report(Rule.UnassignedStrings, location, $"clears a string array ({name}) with System.Array::Clear, which " +
            $"leaves its elements unassigned: {Consequence} Assign null to every element instead: Strings.Filled(array).");
    }

    /// <summary>
    /// The instruction that pushed a call's first argument, walking back over straight-line code; -1 when a branch
    /// joins in between or the walk meets an instruction whose effect is unknown.
    /// </summary>
    private static int ArgumentProducer(IlFlow flow, int call, int arguments)
    {
        var needed = arguments;
        for (var j = call - 1; j >= 0 && !flow.IsJoin(j + 1); j--)
        {
            var effect = flow.Effect(j);
            if (effect == null || flow[j].OpCode.FlowControl is not (FlowControl.Next or FlowControl.Call))
                return -1;
            if (needed <= effect.Value.Pushes)
                return j;
            needed += effect.Value.Pops - effect.Value.Pushes;
        }
        return -1;
    }

    private static bool IsStore(IlInstruction instruction) =>
        instruction.OpCode == OpCodes.Stfld || instruction.OpCode == OpCodes.Stsfld || LocalIndex(instruction, "stloc") != null;

    private static string Destination(CheckedAssembly assembly, IlInstruction store) =>
        store.OpCode == OpCodes.Stfld || store.OpCode == OpCodes.Stsfld ? FieldOf(assembly, store).Name : "a local";

    /// <summary>The type of what a field, local or argument load pushes, with a name for the message; null for other instructions.</summary>
    private static (string Type, string Name)? TypeOfLoad(CheckedAssembly assembly, MethodDefinitionHandle method, IlInstruction load)
    {
        if (load.OpCode == OpCodes.Ldfld || load.OpCode == OpCodes.Ldsfld)
        {
            var field = FieldOf(assembly, load);
            return (field.Type, field.Name);
        }
        if (load.OpCode == OpCodes.Call || load.OpCode == OpCodes.Callvirt)
        {
            var call = assembly.Call(load);
            return (call.ReturnType, "from " + call.Display);
        }
        var reader = assembly.Reader;
        var definition = reader.GetMethodDefinition(method);
        if (LocalIndex(load, "ldloc") is { } local)
        {
            var signature = assembly.BodyOf(method)!.LocalSignature;
            var locals = reader.GetStandaloneSignature(signature).DecodeLocalSignature(assembly.Names, null);
            return (locals[local], "a local");
        }
        if (LocalIndex(load, "ldarg") is { } argument)
        {
            var signature = definition.DecodeSignature(assembly.Names, null);
            var position = argument - (signature.Header.IsInstance ? 1 : 0); // ldarg.0 is `this` in an instance method
            return position < 0 ? null : (signature.ParameterTypes[position], ParameterName(reader, definition, position + 1));
        }
        return null;
    }

    private static string ParameterName(MetadataReader reader, MethodDefinition method, int sequenceNumber)
    {
        foreach (var handle in method.GetParameters())
        {
            var parameter = reader.GetParameter(handle);
            if (parameter.SequenceNumber == sequenceNumber)
                return reader.GetString(parameter.Name);
        }
        return "argument " + sequenceNumber;
    }

    /// <summary>The slot an ldloc/stloc/ldarg form names (`ldloc.2`, `ldloc.s 7`), or null for another instruction.</summary>
    private static int? LocalIndex(IlInstruction instruction, string family)
    {
        var name = instruction.OpCode.Name!;
        if (name == family || name == family + ".s")
            return instruction.Value;
        return name.Length == family.Length + 2 && name.StartsWith(family + ".") && char.IsDigit(name[^1]) ? name[^1] - '0' : null;
    }

    private static (string Name, string Type) FieldOf(CheckedAssembly assembly, IlInstruction access)
    {
        var reader = assembly.Reader;
        var handle = MetadataTokens.EntityHandle(access.Token);
        if (handle.Kind != HandleKind.FieldDefinition)
        {
            var target = assembly.Call(access); // a field of another assembly: its name and type
            return (target.Name, target.ReturnType);
        }
        var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
        return (reader.GetString(field.Name), field.DecodeSignature(assembly.Names, null));
    }
}
