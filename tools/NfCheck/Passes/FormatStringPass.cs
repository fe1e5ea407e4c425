namespace ChargeController.NfCheck.Passes;

/// <summary>Constant numeric format strings with a specifier nanoFramework does not implement (only D, F, G, N, X).</summary>
public sealed class FormatStringPass : ICheckPass
{
    private static readonly HashSet<string> NumericTypes = new()
    {
        "System.Byte", "System.SByte", "System.Int16", "System.UInt16", "System.Int32", "System.UInt32",
        "System.Int64", "System.UInt64", "System.Single", "System.Double",
    };

    public void Run(CheckedAssembly assembly)
    {
        foreach (var (_, location, instructions) in assembly.MethodBodies())
        {
            for (var i = 0; i < instructions.Count; i++)
            {
                if (instructions[i].OpCode.Name != "ldstr")
                    continue;
                var next = NextCall(instructions, i);
                if (next < 0)
                    continue;
                var call = assembly.Call(instructions[next]);
                var text = assembly.StringOperand(instructions[i]);
                if (call.DeclaringType == "System.String" && call.Name == "Format")
                {
                    foreach (var format in FormatSpecifier.ItemFormats(text))
                        CheckSpecifier(assembly, location, format, call);
                }
                else if (next == i + 1 && call.Name == "ToString" && NumericTypes.Contains(call.DeclaringType) &&
                         call.Parameters.Count > 0 && call.Parameters[0] == "System.String")
                {
                    CheckSpecifier(assembly, location, text, call);
                }
            }
        }
    }

    private static int NextCall(List<IlInstruction> instructions, int from)
    {
        for (var j = from + 1; j < instructions.Count; j++)
            if (instructions[j].IsCall)
                return j;
        return -1;
    }

    private static void CheckSpecifier(CheckedAssembly assembly, string location, string specifier, CallTarget call)
    {
        if (!FormatSpecifier.IsSupported(specifier))
            assembly.Report(Rule.FormatSpecifier, location,
                $"format \"{specifier}\" in {call.Display} is not supported on the device (only D, F, G, N, X)");
    }
}
