using System.Reflection;
using System.Reflection.Emit;

namespace ChargeController.Tests.Threads;

/// <summary>The instructions of a method's IL that name a member (a field or a method), resolved through its module.</summary>
internal static class IlScan
{
    private static readonly Dictionary<short, OpCode> OneByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).Where(o => o.Size == 1).ToDictionary(o => o.Value);
    private static readonly Dictionary<short, OpCode> TwoByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).Where(o => o.Size == 2).ToDictionary(o => (short)(o.Value & 0xFF));

    /// <summary>Every field the method's IL loads, stores or takes the address of.</summary>
    public static IEnumerable<(OpCode Op, FieldInfo Field)> FieldAccesses(MethodBase method) =>
        Operands(method, OperandType.InlineField).Select(o => (o.Op, o.Module.ResolveField(o.Token, TypeArguments(method), MethodArguments(method))!));

    /// <summary>Every method the IL calls, makes an object with, or takes as a delegate's target (call, callvirt, newobj, ldftn, ldvirtftn).</summary>
    public static IEnumerable<MethodBase> MethodsNamed(MethodBase method) =>
        Operands(method, OperandType.InlineMethod).Select(o => o.Module.ResolveMethod(o.Token, TypeArguments(method), MethodArguments(method))!);

    private static Type[]? TypeArguments(MethodBase method) => method.DeclaringType!.GetGenericArguments();

    private static Type[]? MethodArguments(MethodBase method) => method.IsGenericMethod ? method.GetGenericArguments() : null;

    private static IEnumerable<(OpCode Op, Module Module, int Token)> Operands(MethodBase method, OperandType wanted)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? Array.Empty<byte>();
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            if (op.OperandType == wanted)
                yield return (op, method.Module, BitConverter.ToInt32(il, i));
            i += OperandBytes(op.OperandType, il, i);
        }
    }

    private static int OperandBytes(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
