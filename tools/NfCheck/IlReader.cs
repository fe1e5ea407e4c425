using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>Walks a method body's IL instruction by instruction, with operand sizes taken from the runtime's opcode table.</summary>
public static class IlReader
{
    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static IlReader()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (OpCode)field.GetValue(null)!;
            var value = (ushort)opCode.Value;
            if (opCode.Size == 1)
                OneByte[value] = opCode;
            else
                TwoByte[value & 0xFF] = opCode;
        }
    }

    public static List<IlInstruction> Read(MethodBodyBlock body)
    {
        var instructions = new List<IlInstruction>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var offset = il.Offset;
            var first = il.ReadByte();
            var opCode = first == 0xFE ? TwoByte[il.ReadByte()] : OneByte[first];
            var token = 0;
            var value = 0;
            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    value = il.ReadSByte() + il.Offset; // relative to the next instruction
                    break;
                case OperandType.ShortInlineI:
                    value = opCode == OpCodes.Ldc_I4_S ? il.ReadSByte() : il.ReadByte();
                    break;
                case OperandType.ShortInlineVar:
                    value = il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    value = il.ReadUInt16();
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    value = il.ReadInt32(); // the number of targets
                    for (var i = 0; i < value; i++)
                        il.ReadInt32();
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    token = il.ReadInt32();
                    break;
                case OperandType.InlineBrTarget:
                    value = il.ReadInt32() + il.Offset;
                    break;
                case OperandType.InlineI:
                    value = il.ReadInt32();
                    break;
                default: // ShortInlineR
                    il.ReadSingle();
                    break;
            }
            instructions.Add(new IlInstruction(offset, opCode, token, value));
        }
        return instructions;
    }
}
