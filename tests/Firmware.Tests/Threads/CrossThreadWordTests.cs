using System.Reflection;
using System.Reflection.Emit;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Runtime;
using Xunit;

namespace ChargeController.Tests.Threads;

/// <summary>
/// The threading rule for what crosses between threads (docs/architecture.md): every word a type shares between two
/// threads is written and read with Interlocked, so .NET's threads and the ESP32 see it whole and in order, and no 64-bit
/// value is shared but through <see cref="SharedTime"/>'s two halves. Checked on the IL of each type that is shared as a
/// whole: none of its value fields is stored plainly outside its constructor (every publish goes through Interlocked,
/// which takes the field's address), and none is 64 bits wide. A plain load is left to the word's one writer (reading
/// back what it wrote); a reference field is one word, published by an Interlocked count or index beside it.
/// </summary>
public class CrossThreadWordTests
{
    public static readonly TheoryData<Type> SharedTypes = new()
    {
        typeof(SessionLedger), typeof(SharedTime), typeof(SpscPositions), typeof(Firmware.Link.StatusSnapshot),
        typeof(PileRuntime).Assembly.GetType("ChargeController.Runtime.CommandHost")!, typeof(ThreadWatch),
    };

    /// <summary>Fields of those types that only their writer's thread touches (what it last published, to skip a repeat).</summary>
    private static readonly string[] WriterOnly = { "StatusSnapshot._wallClockOffsetS" };

    private static readonly Dictionary<short, OpCode> OneByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).Where(o => o.Size == 1).ToDictionary(o => o.Value);
    private static readonly Dictionary<short, OpCode> TwoByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).Where(o => o.Size == 2).ToDictionary(o => (short)(o.Value & 0xFF));

    [Theory]
    [MemberData(nameof(SharedTypes))]
    public void EverySharedWordIsPublishedThroughInterlocked(Type type)
    {
        var plain = new List<string>();
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all))
            foreach (var (op, field) in FieldAccesses(method))
                if (field.DeclaringType == type && field.FieldType.IsValueType && (op == OpCodes.Stfld || op == OpCodes.Stsfld) &&
                    !WriterOnly.Contains(type.Name + "." + field.Name))
                    plain.Add($"{method.Name}: {op.Name} {field.Name}");
        Assert.Empty(plain);
        Assert.DoesNotContain(type.GetFields(all), f => !f.IsInitOnly && !WriterOnly.Contains(type.Name + "." + f.Name) &&
            (f.FieldType == typeof(long) || f.FieldType == typeof(ulong)));
    }

    [Fact]
    public void TheCheckSeesAPlainStore() // the check itself: a plainly stored int field is caught
    {
        var accesses = FieldAccesses(typeof(Plain).GetMethod(nameof(Plain.Set))!).ToList();
        Assert.Contains(accesses, a => a.Op == OpCodes.Stfld && a.Field.Name == "_value");
    }

    private sealed class Plain
    {
        private int _value;
        public void Set(int value) => _value = value;
        public int Value => _value;
    }

    /// <summary>Every field a method's IL loads, stores or takes the address of.</summary>
    private static IEnumerable<(OpCode Op, FieldInfo Field)> FieldAccesses(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? Array.Empty<byte>();
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            if (op.OperandType == OperandType.InlineField)
            {
                var field = method.Module.ResolveField(BitConverter.ToInt32(il, i),
                    method.DeclaringType!.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                yield return (op, field!);
            }
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
