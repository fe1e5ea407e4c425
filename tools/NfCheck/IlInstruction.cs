using System.Reflection.Emit;

namespace ChargeController.NfCheck;

/// <summary>
/// One decoded IL instruction: its opcode; for token and string operands the raw metadata token; for integer, local and
/// argument operands their number, and for branches the offset they jump to.
/// </summary>
public readonly record struct IlInstruction(int Offset, OpCode OpCode, int Token, int Value = 0)
{
    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt || OpCode == OpCodes.Newobj;
}
