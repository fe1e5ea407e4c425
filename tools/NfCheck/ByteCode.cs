using System.Globalization;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>
/// The bytes a method body takes in the byte-code table of the .pe that MetadataProcessor makes from a device assembly
/// (its CodeWriter): the IL with every token, string and long-branch operand shortened from 4 bytes to 2, a switch's
/// count to 1 byte and its targets to 2 each, a calli's signature dropped; then, when the body has exception handlers,
/// 12 bytes a handler and 1 for their count. The table is addressed with 16-bit offsets: MetadataProcessor stops with
/// "Byte code table overflow" once the bodies of one assembly pass <see cref="Limit"/> bytes.
/// </summary>
public static class ByteCode
{
    public const int Limit = ushort.MaxValue;
    private const int HandlerBytes = 12;

    public static int Of(MethodBodyBlock body, IReadOnlyList<IlInstruction> instructions)
    {
        var bytes = body.GetILReader().Length; // the code alone: Size counts the header and exception section too
        foreach (var instruction in instructions)
            bytes -= instruction.OpCode.OperandType switch
            {
                OperandType.InlineSwitch => 3 + 2 * instruction.Value,
                OperandType.InlineString or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType
                    or OperandType.InlineBrTarget => 2,
                OperandType.InlineSig => 4,
                _ => 0,
            };
        var handlers = body.ExceptionRegions.Length;
        return handlers == 0 ? bytes : bytes + handlers * HandlerBytes + 1;
    }

    /// <summary>A size as the report and NF012 print it: 56,440, whatever the culture.</summary>
    public static string Text(int bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The whole table of an assembly: the byte code of every method body but those of the types MetadataProcessor leaves
    /// out by default (nanoTablesContext.SetDefaultTypesToExclude; the compiler adds RefSafetyRulesAttribute to every
    /// assembly). Types excluded with nanoFramework's ExcludeType attribute still count: an upper bound there.
    /// </summary>
    public static int Of(CheckedAssembly assembly) =>
        assembly.MethodBodies()
            .Where(m => !Excluded.Contains(TypeNames.Of(assembly.Reader, assembly.Reader.GetMethodDefinition(m.Handle).GetDeclaringType())))
            .Sum(m => Of(assembly.BodyOf(m.Handle)!, m.Instructions));

    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal)
    {
        "ThisAssembly",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
    };
}
