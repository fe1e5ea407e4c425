namespace ChargeController.NfCheck.Passes;

/// <summary>
/// Enum and floating-point values turned into text. On the device an enum prints as its number and a float or double
/// prints other digits than on .NET, so text made from them differs between the tests and the pile.
/// </summary>
public sealed class TextConversionPass : ICheckPass
{
    private static readonly HashSet<string> TextProducers = new() { "ToString", "Concat", "Format", "Write", "WriteLine", "Append", "Insert" };

    public void Run(CheckedAssembly assembly)
    {
        foreach (var (_, location, instructions) in assembly.MethodBodies())
        {
            for (var i = 0; i < instructions.Count; i++)
            {
                var instruction = instructions[i];
                var name = instruction.OpCode.Name;
                if (name == "box")
                    CheckBoxed(assembly, location, assembly.TypeOperand(instruction), instructions, i);
                else if (name == "constrained." && i + 1 < instructions.Count && instructions[i + 1].IsCall)
                    CheckConstrainedCall(assembly, location, assembly.TypeOperand(instruction), assembly.Call(instructions[i + 1]));
                else if (instruction.IsCall)
                    CheckDirectCall(assembly, location, assembly.Call(instruction));
            }
        }
    }

    /// <summary>A boxed enum or float whose next call makes text: string.Concat(object..), string.Format, Console.Write..</summary>
    private static void CheckBoxed(CheckedAssembly assembly, string location, string boxedType, List<IlInstruction> instructions, int boxAt)
    {
        var kind = KindOf(assembly, boxedType);
        if (kind == null)
            return;
        for (var j = boxAt + 1; j < instructions.Count; j++)
        {
            if (!instructions[j].IsCall)
                continue;
            var consumer = assembly.Call(instructions[j]);
            if (TextProducers.Contains(consumer.Name))
                Report(assembly, kind.Value, location, boxedType, consumer);
            return;
        }
    }

    private static void CheckConstrainedCall(CheckedAssembly assembly, string location, string constrainedType, CallTarget call)
    {
        var kind = KindOf(assembly, constrainedType);
        if (kind != null && call.Name == "ToString")
            Report(assembly, kind.Value, location, constrainedType, call);
    }

    private static void CheckDirectCall(CheckedAssembly assembly, string location, CallTarget call)
    {
        if (call.DeclaringType == "System.Enum" && call.Name == "ToString")
            Report(assembly, Rule.EnumToText, location, "System.Enum", call);
        else if (TypeIndex.IsFloatingPoint(call.DeclaringType) && call.Name == "ToString")
            Report(assembly, Rule.FloatToText, location, call.DeclaringType, call);
        else if (TextProducers.Contains(call.Name) && call.Parameters.Any(TypeIndex.IsFloatingPoint))
            Report(assembly, Rule.FloatToText, location, call.Parameters.First(TypeIndex.IsFloatingPoint), call);
        else if (call.Name == "ToString" && assembly.Types.IsEnum(call.DeclaringType))
            Report(assembly, Rule.EnumToText, location, call.DeclaringType, call);
    }

    private static Rule? KindOf(CheckedAssembly assembly, string typeName) =>
        assembly.Types.IsEnum(typeName) ? Rule.EnumToText
        : TypeIndex.IsFloatingPoint(typeName) ? Rule.FloatToText
        : null;

    private static void Report(CheckedAssembly assembly, Rule rule, string location, string valueType, CallTarget call)
    {
        var advice = rule == Rule.EnumToText
            ? "enum text is its number on the device; map it to a name with a lookup"
            : "floating-point text has other digits on the device; format an integer in units instead";
        assembly.Report(rule, location, $"turns {valueType} into text via {call.Display}: {advice}");
    }
}
