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
        typeof(Firmware.Safety.SafetyInterlock), typeof(SiteSnapshot),
    };

    /// <summary>Fields of those types that only their writer's thread touches (what it last published, to skip a repeat).</summary>
    private static readonly string[] WriterOnly = { "StatusSnapshot._wallClockOffsetS" };

    [Theory]
    [MemberData(nameof(SharedTypes))]
    public void EverySharedWordIsPublishedThroughInterlocked(Type type)
    {
        var plain = new List<string>();
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all))
            foreach (var (op, field) in IlScan.FieldAccesses(method))
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
        var accesses = IlScan.FieldAccesses(typeof(Plain).GetMethod(nameof(Plain.Set))!).ToList();
        Assert.Contains(accesses, a => a.Op == OpCodes.Stfld && a.Field.Name == "_value");
    }

    private sealed class Plain
    {
        private int _value;
        public void Set(int value) => _value = value;
        public int Value => _value;
    }
}
