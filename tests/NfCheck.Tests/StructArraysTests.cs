using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// NF009: every element of an array of structs is a heap object of its own on nanoCLR; each such array is reported where
/// it is made, and arrays of what nanoCLR stores in place (primitives, enums, DateTime, TimeSpan) or of references pass.
/// </summary>
public class StructArraysTests
{
    private const string Reading = "namespace Pile { public struct Reading { public long TimeMs; public int Wh; } }";

    [Fact]
    public void FieldArrayIsReportedWithTheStructAndWhatToDoInstead()
    {
        var findings = DeviceCompiler.Check(Reading + @"
            namespace Pile { public sealed class Ring { private readonly Reading[] _readings = new Reading[256]; public int Count() { return _readings.Length; } } }");
        var finding = RuleTests.Single(findings, Rule.StructArray, "Pile.Ring::.ctor");
        Assert.Equal("Fixture: error NF009: Pile.Ring::.ctor: makes an array of the struct Pile.Reading: on nanoCLR every " +
            "element is a heap object of its own (a 12-byte header and 12 bytes a field); keep a table as one array per field " +
            "(docs/nfcheck.md).", finding.ToString());
    }

    [Theory]
    [InlineData("var readings = new Reading[count]; return readings.Length;")]
    [InlineData("var readings = new[] { new Reading { Wh = 1 }, new Reading { Wh = count } }; return readings[1].Wh;")]
    [InlineData("Reading[] readings = { default, default }; return readings.Length;")]
    [InlineData("var rows = new Reading[2][]; rows[0] = new Reading[count]; return rows[0].Length;")] // the inner array
    public void ArrayMadeInAMethodIsReported(string body)
    {
        var findings = DeviceCompiler.Check(Reading + " namespace Pile { public static class Meter { public static int Use(int count) { " + body + " } } }");
        Assert.Contains("the struct Pile.Reading:", RuleTests.Single(findings, Rule.StructArray, "Pile.Meter::Use").Message);
    }

    [Fact]
    public void StaticInitializerIsReported()
    {
        var findings = DeviceCompiler.Check(Reading + " namespace Pile { public static class Defaults { public static readonly Reading[] All = { new Reading { Wh = 1 } }; } }");
        RuleTests.Single(findings, Rule.StructArray, "Pile.Defaults::.cctor");
    }

    [Fact]
    public void StructOfAnotherDeviceAssemblyIsRecognised()
    {
        var structs = DeviceCompiler.Compile("Structs", Reading);
        var user = DeviceCompiler.Compile("User", "public static class Log { public static int Make() { return new Pile.Reading[4].Length; } }", structs);
        var findings = new Checker(new[] { structs, user }, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run().Findings;
        Assert.Contains("the struct Pile.Reading:", RuleTests.Single(findings, Rule.StructArray, "Log::Make").Message);
    }

    /// <summary>mscorlib's value types without a built-in nanoCLR data type: measured on the 32-bit nanoCLR, a new IntPtr[100]
    /// holds 100 objects of 12 bytes besides its slots, a Guid[100] 100 of 24.</summary>
    [Theory]
    [InlineData("System.Guid")]
    [InlineData("System.IntPtr")]
    public void MscorlibStructWithoutABuiltInDataTypeIsReported(string type)
    {
        var findings = DeviceCompiler.Check($"public static class Pile {{ public static object Make() {{ return new {type}[4]; }} }}");
        Assert.Contains($"the struct {type}:", RuleTests.Single(findings, Rule.StructArray, "Pile::Make").Message);
    }

    [Fact]
    public void ArraysOfWhatNanoClrStoresInPlaceAndOfReferencesPass()
    {
        var findings = DeviceCompiler.CheckWithFirmware(Reading + @"
            namespace Pile {
                public enum Level : byte { Low, High }
                public sealed class Slot { public Reading Last; }
                public sealed class Tables {
                    private readonly int[] _wh = new int[8];
                    private readonly long[] _timeMs = { 1, 2 };
                    private readonly byte[] _frame = new byte[16];
                    private readonly bool[] _flags = new bool[4];
                    private readonly char[] _digits = { '0', '1' };
                    private readonly sbyte[] _s8 = new sbyte[1];
                    private readonly short[] _s16 = new short[1];
                    private readonly ushort[] _u16 = new ushort[1];
                    private readonly uint[] _u32 = new uint[1];
                    private readonly ulong[] _u64 = new ulong[1];
                    private readonly float[] _f32 = new float[1];
                    private readonly double[] _f64 = new double[1];
                    private readonly Level[] _levels = { Level.Low, Level.High };
                    private readonly System.DayOfWeek[] _days = new System.DayOfWeek[7];
                    private readonly System.Enum[] _anyLevels = { Level.Low };
                    private readonly System.DateTime[] _stamps = new System.DateTime[4];
                    private readonly System.TimeSpan[] _spans = new System.TimeSpan[4];
                    private readonly string[] _ids = ChargeController.Firmware.Text.Strings.Filled(new string[4]);
                    private readonly object[] _boxes = new object[2];
                    private readonly Slot[] _slots = { new Slot(), new Slot() };
                    private readonly Reading[][] _rows = new Reading[2][];
                    private Reading _last = new Reading();
                    public long Sum() { var r = _last; r.Wh++; _last = r; return r.TimeMs + _slots[0].Last.Wh; }
                }
            }");
        Assert.Empty(findings);
    }
}
