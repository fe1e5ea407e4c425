using System.Reflection.Emit;

namespace ChargeController.NfCheck.Passes;

/// <summary>
/// Arrays of structs. MetadataProcessor gives the primitives, DateTime and TimeSpan a built-in nanoCLR data type, an enum
/// its underlying integer's, and every other value type (System.IntPtr and System.Guid included) DATATYPE_VALUETYPE. An
/// array of a built-in type holds its elements in place (DateTime and TimeSpan: 12 bytes a slot, no object); an array of
/// a VALUETYPE is one 12-byte slot per element referencing a struct object of its own, a 12-byte header and a 12-byte
/// heap block per field, all made with the array (CLR_RT_HeapBlock_Array::ClearElements). The event ring's 256 events of
/// 12 fields took 43 KB there (168 bytes each) against 19 KB on .NET, and no .NET test sees it. Every array, an
/// initializer's too, is made by newarr.
/// </summary>
public sealed class StructArrayPass : ICheckPass
{
    private static readonly HashSet<string> BuiltIn = new()
    {
        "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32",
        "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.DateTime", "System.TimeSpan",
    };

    public void Run(CheckedAssembly assembly)
    {
        foreach (var (_, location, instructions) in assembly.MethodBodies())
            foreach (var instruction in instructions)
            {
                if (instruction.OpCode != OpCodes.Newarr)
                    continue;
                var element = assembly.TypeOperand(instruction);
                if (assembly.Types.IsStruct(element) && !BuiltIn.Contains(element))
                    assembly.Report(Rule.StructArray, location, $"makes an array of the struct {element}: on nanoCLR every " +
                        "element is a heap object of its own (a 12-byte header and 12 bytes a field); keep a table as one " +
                        "array per field (docs/nfcheck.md).");
            }
    }
}
