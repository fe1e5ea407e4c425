using System.Reflection.Emit;

namespace ChargeController.NfCheck;

/// <summary>One decoded IL instruction: its opcode and, for token and string operands, the raw metadata token.</summary>
public readonly record struct IlInstruction(int Offset, OpCode OpCode, int Token)
{
    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt || OpCode == OpCodes.Newobj;
}
