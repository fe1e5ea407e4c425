using System.Reflection.Emit;

namespace ChargeController.NfCheck;

/// <summary>
/// One decoded IL instruction: its opcode; for token and string operands the raw metadata token; for integer, local and
/// argument operands their number, for branches the offset they jump to, and for a switch its number of targets.
/// </summary>
public readonly record struct IlInstruction(int Offset, OpCode OpCode, int Token, int Value = 0)
{
    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt || OpCode == OpCodes.Newobj;
}
