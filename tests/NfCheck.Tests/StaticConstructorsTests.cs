using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// NF010: nanoCLR runs every static constructor once at start-up in an order of its own, and touching another type never
/// runs that type's first. A static constructor (or a static field initializer) that reads another type's static field,
/// itself or in what it calls, is reported; its own type's fields, constants, enums and fields nobody sets at start-up pass.
/// Each form reported here read null or 0 on the 32-bit nanoCLR (docs/nfcheck.md).
/// </summary>
public class StaticConstructorsTests
{
    private const string Units = "namespace Pile { public static class Units { public static readonly string Amps = \"A\"; public const string Volts = \"V\"; " +
        "public static System.TimeSpan Grace = System.TimeSpan.FromSeconds(5); " +
        "public static string First() { return Amps; } public static string Current { get { return Amps; } } } }";

    [Fact]
    public void InitializerReadingAnotherTypesFieldIsReportedWithWhatToDoInstead()
    {
        var findings = DeviceCompiler.Check(Units + " namespace Pile { public static class Keys { public static readonly string Unit = Units.Amps; } }");
        var finding = RuleTests.Single(findings, Rule.StaticInitOrder, "Pile.Keys::.cctor");
        Assert.Equal("Fixture: error NF010: Pile.Keys::.cctor: reads Pile.Units::Amps while static constructors run: nanoCLR " +
            "runs each one once at start-up in an order of its own, and reading a field does not run its type's constructor " +
            "first as .NET does, so Amps may still be null or 0 here. Use a literal or a const, a static field of Keys " +
            "declared above, or build the value at first use.", finding.ToString());
    }

    [Theory]
    [InlineData("static Keys() { Unit = Units.Amps; }", "reads Pile.Units::Amps while")]
    [InlineData("static Keys() { Unit = Units.First(); }", "reads Pile.Units::Amps (through Pile.Units::First) while")]
    [InlineData("static Keys() { Unit = Units.Current; }", "reads Pile.Units::Amps (through Pile.Units::get_Current) while")]
    [InlineData("static Keys() { Unit = Make(); } private static string Make() { return Units.First(); }",
        "reads Pile.Units::Amps (through Pile.Keys::Make > Pile.Units::First) while")]
    [InlineData("static Keys() { Unit = string.Empty; }", "reads System.String::Empty while")]
    [InlineData("static Keys() { Unit = true.ToString(); }", "reads System.Boolean::TrueString (through System.Boolean::ToString) while")]
    [InlineData("static Keys() { Unit = System.TimeSpan.Zero.Ticks.ToString(); }", "reads System.TimeSpan::Zero while")]
    [InlineData("static Keys() { Unit = Units.Grace.Ticks.ToString(); }", "reads Pile.Units::Grace while")] // ldsflda: not readonly
    public void ReadInTheStaticConstructorOrWhatItCallsIsReported(string members, string expected)
    {
        var findings = DeviceCompiler.Check(Units + " namespace Pile { public static class Keys { public static readonly string Unit; " + members + " } }");
        RuleTests.Single(findings, Rule.StaticInitOrder, "Pile.Keys::.cctor");
        Assert.Contains(findings, f => f.Rule == Rule.StaticInitOrder && f.Message.Contains(expected)); // Boolean::ToString reads two
    }

    /// <summary>As ConsoleCommands built its table: each command's constructor read string.Empty, null there, and 'help' threw.</summary>
    [Fact]
    public void InstanceConstructorOfATableRowIsFollowed()
    {
        var findings = DeviceCompiler.Check(@"
            namespace Pile {
                public sealed class Command { public readonly string Arguments; public Command(string arguments) { Arguments = arguments.Length == 0 ? string.Empty : arguments; } }
                public static class Commands { public static readonly Command[] All = { new Command(""""), new Command(""<amps>"") }; }
            }");
        Assert.Contains("reads System.String::Empty (through Pile.Command::.ctor) while",
            RuleTests.Single(findings, Rule.StaticInitOrder, "Pile.Commands::.cctor").Message);
    }

    [Fact]
    public void FieldOfAnotherDeviceAssemblyIsReported()
    {
        var units = DeviceCompiler.Compile("Units", Units);
        var keys = DeviceCompiler.Compile("Keys", "public static class Keys { public static readonly int Length = Pile.Units.Amps.Length; }", units);
        var findings = new Checker(new[] { units, keys }, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run().Findings;
        Assert.Contains("reads Pile.Units::Amps while", RuleTests.Single(findings, Rule.StaticInitOrder, "Keys::.cctor").Message);
    }

    /// <summary>A declared device library carries no bodies: its static fields count as set at start-up.</summary>
    [Fact]
    public void FieldOfADeclaredDeviceLibraryIsReported()
    {
        var surface = DeviceCompiler.CompileSurface("System.Device.Fake", "1.1.62.0", "public static class Pins { public static readonly int Led; }");
        var user = DeviceCompiler.Compile("Adapter", "public static class Board { public static readonly int Led = Pins.Led + 1; }", surface);
        var findings = new Checker(new[] { user }, new[] { DeviceCompiler.NanoMscorlib, surface }, Array.Empty<string>()).Run().Findings;
        Assert.Contains("reads Pins::Led while", RuleTests.Single(findings, Rule.StaticInitOrder, "Board::.cctor").Message);
    }

    [Fact]
    public void OwnFieldsConstantsEnumsAndFieldsNobodySetsAtStartUpPass()
    {
        var findings = DeviceCompiler.Check(Units + @"
            namespace Pile {
                public enum Phase { Single = 1, Three = 3 }
                public static class Counters { public static int Boots; }
                public sealed class Key {
                    public readonly string Unit;
                    public Key(string unit) { Unit = Keys.Shared(unit); } // reads Keys' own field while Keys is built: set above
                    public static Key Checked(int amps) { if (amps < 0) throw new System.ArgumentOutOfRangeException(""amps"", ""negative""); return new Key(""A""); }
                }
                public static class Keys {
                    private static readonly string[] SharedUnits = { ""A"", ""V"" };
                    public static readonly string Volts = Units.Volts;
                    public static readonly Phase Phases = Phase.Three;
                    public static readonly int BootsSeen = Counters.Boots;
                    public static readonly Key Current = new Key(""A"");
                    public static readonly Key Guarded = Key.Checked(16);
                    public static readonly string Both = SharedUnits[0] + Volts;
                    internal static string Shared(string unit) { foreach (var shared in SharedUnits) if (shared == unit) return shared; return unit; }
                }
                public static class Late { public static string Unit() { return Units.Amps + string.Empty + Units.First(); } }
            }");
        Assert.Empty(findings);
    }
}
