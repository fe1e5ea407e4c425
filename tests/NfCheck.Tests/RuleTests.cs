using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>Each rule: a small assembly that breaks it is reported with the offending member named.</summary>
public class RuleTests
{
    internal static Finding Single(IReadOnlyList<Finding> findings, Rule rule, string location)
    {
        var matching = findings.Where(f => f.Rule == rule && f.Location.Contains(location)).ToList();
        Assert.True(matching.Count > 0, $"expected {rule} at {location}; got:\n" + string.Join("\n", findings));
        return matching[0];
    }

    [Fact]
    public void GenericMethodDefinitionIsReported()
    {
        var findings = DeviceCompiler.Check("public static class Pile { public static T Pick<T>(T a) { return a; } }");
        Assert.Contains("defines a generic method", Single(findings, Rule.Generic, "Pile::Pick").Message);
    }

    [Fact]
    public void GenericTypeDefinitionIsReported()
    {
        var findings = DeviceCompiler.Check("public class Box<T> { public T Value; }");
        Single(findings, Rule.Generic, "Box`1");
    }

    [Fact]
    public void GenericDelegateFromLambdaIsReported()
    {
        var findings = DeviceCompiler.Check(@"
            public static class Pile {
                public static int Run() { System.Func<int, int> twice = x => x * 2; return twice(3); }
                public static void Notify(System.Action<int> onAmps) { onAmps(16); }
            }");
        Assert.Contains("System.Func`2<System.Int32,System.Int32>", Single(findings, Rule.Generic, "Pile::Run").Message);
        Single(findings, Rule.Generic, "Pile::Notify");
    }

    [Fact]
    public void GenericEventHandlerIsReported()
    {
        var findings = DeviceCompiler.Check(@"
            public class Pile { public event System.EventHandler<System.EventArgs> Changed;
                public void Raise() { if (Changed != null) Changed(this, null); } }");
        Single(findings, Rule.Generic, "Pile::Raise");
    }

    [Fact]
    public void MultiDimensionalArrayIsReported()
    {
        var findings = DeviceCompiler.Check("public static class Pile { public static int Sum() { var grid = new int[2, 3]; return grid[1, 2]; } }");
        Assert.Contains("System.Int32[,]", Single(findings, Rule.MultiDimensionalArray, "Pile::Sum").Message);
    }

    [Fact]
    public void MultiDimensionalArrayFieldIsReported()
    {
        var findings = DeviceCompiler.Check("public class Pile { public int[,] Table; }");
        Single(findings, Rule.MultiDimensionalArray, "Pile::Table");
    }

    [Fact]
    public void EnumToStringIsReported()
    {
        var findings = DeviceCompiler.Check("public enum Status { Available, Charging } public static class Pile { public static string Name(Status s) { return s.ToString(); } }");
        Single(findings, Rule.EnumToText, "Pile::Name");
    }

    [Fact]
    public void EnumConcatenatedIntoTextIsReported()
    {
        var findings = DeviceCompiler.Check("public enum Status { Available } public static class Pile { public static string Line(Status s) { return \"status=\" + s; } }");
        Single(findings, Rule.EnumToText, "Pile::Line");
    }

    [Fact]
    public void EnumInFormatIsReported()
    {
        var findings = DeviceCompiler.Check("public enum Status { Available } public static class Pile { public static string Line(Status s) { return string.Format(\"{0}\", s); } }");
        Single(findings, Rule.EnumToText, "Pile::Line");
    }

    [Fact]
    public void EnumInInterpolationIsReported()
    {
        var findings = DeviceCompiler.Check("public enum Status { Available } public static class Pile { public static string Line(Status s, int a) { return $\"{a} {s}\"; } }");
        Single(findings, Rule.EnumToText, "Pile::Line");
    }

    [Fact]
    public void EnumFromAnotherDeviceAssemblyIsRecognised()
    {
        var enums = DeviceCompiler.Compile("Enums", "namespace Pile { public enum Status { Available } }");
        var user = DeviceCompiler.Compile("User", "public static class Show { public static string Of(Pile.Status s) { return s.ToString(); } }", enums);
        var findings = new Checker(new[] { enums, user }, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run().Findings;
        Single(findings, Rule.EnumToText, "Show::Of");
    }

    [Fact]
    public void EnumOfMscorlibIsRecognised()
    {
        var findings = DeviceCompiler.Check("public static class Pile { public static string Day(System.DayOfWeek d) { return d.ToString(); } }");
        Assert.Contains("System.DayOfWeek", Single(findings, Rule.EnumToText, "Pile::Day").Message);
    }

    [Fact]
    public void ForeignAssemblyReferenceIsReported()
    {
        var other = DeviceCompiler.Compile("NotOnTheDevice", "public static class Helper { public static int One() { return 1; } }");
        var findings = DeviceCompiler.Check("public static class Pile { public static int Use() { return Helper.One(); } }", other);
        Assert.Contains("NotOnTheDevice", Single(findings, Rule.ForeignReference, "references").Message);
    }

    [Fact]
    public void DeclaredDeviceLibraryIsAllowed()
    {
        var library = DeviceCompiler.Compile("nanoFramework.Device.Fake", "public static class Gpio { public static int Read() { return 1; } }");
        var user = DeviceCompiler.Compile("Adapter", "public static class Pile { public static int Use() { return Gpio.Read(); } }", library);
        var findings = new Checker(new[] { user }, new[] { DeviceCompiler.NanoMscorlib }, new[] { "nanoFramework.Device.Fake" }).Run().Findings;
        Assert.DoesNotContain(findings, f => f.Rule == Rule.ForeignReference);
    }

    [Fact]
    public void ApiSurfacePassedAsReferenceIsADeclaredDeviceLibrary()
    {
        var surface = DeviceCompiler.CompileSurface("System.Device.Fake", "1.1.62.0", "public static class Gpio { public static int Read() { return 1; } }");
        var user = DeviceCompiler.Compile("Adapter", "public static class Pile { public static int Use() { return Gpio.Read(); } }", surface);
        var findings = new Checker(new[] { user }, new[] { DeviceCompiler.NanoMscorlib, surface }, Array.Empty<string>()).Run().Findings;
        Assert.DoesNotContain(findings, f => f.Rule == Rule.ForeignReference);
    }

    [Fact]
    public void ApiSurfaceAtAnotherVersionIsReported()
    {
        const string gpio = "public static class Gpio { public static int Read() { return 1; } }";
        var compiledAgainst = DeviceCompiler.CompileSurface("System.Device.Fake", "1.1.61.0", gpio);
        var user = DeviceCompiler.Compile("Adapter", "public static class Pile { public static int Use() { return Gpio.Read(); } }", compiledAgainst);
        var declared = DeviceCompiler.CompileSurface("System.Device.Fake", "1.1.62.0", gpio);
        var findings = new Checker(new[] { user }, new[] { DeviceCompiler.NanoMscorlib, declared }, Array.Empty<string>()).Run().Findings;
        Assert.Contains("declares version 1.1.62.0", Single(findings, Rule.ForeignReference, "references").Message);
    }

    [Fact]
    public void ImplementationAssemblyPassedAsReferenceDeclaresNothing()
    {
        var other = DeviceCompiler.Compile("NotOnTheDevice", "public static class Helper { public static int One() { return 1; } }");
        var user = DeviceCompiler.Compile("Adapter", "public static class Pile { public static int Use() { return Helper.One(); } }", other);
        var findings = new Checker(new[] { user }, new[] { DeviceCompiler.NanoMscorlib, other }, Array.Empty<string>()).Run().Findings;
        Assert.Contains("NotOnTheDevice", Single(findings, Rule.ForeignReference, "references").Message);
    }

    [Theory]
    [InlineData("return amps.ToString(\"0.00\");")]
    [InlineData("return amps.ToString(\"P\");")]
    [InlineData("return string.Format(\"{0:E2} A\", amps);")]
    public void UnsupportedFormatSpecifierIsReported(string body)
    {
        var findings = DeviceCompiler.Check("public static class Pile { public static string Show(int amps) { " + body + " } }");
        Single(findings, Rule.FormatSpecifier, "Pile::Show");
    }

    [Theory]
    [InlineData("return value.ToString();")]
    [InlineData("return \"v=\" + value;")]
    [InlineData("return string.Format(\"{0}\", value);")]
    [InlineData("return $\"{value} V\";")]
    public void FloatingPointToTextIsReported(string body)
    {
        foreach (var type in new[] { "float", "double" })
        {
            var findings = DeviceCompiler.Check($"public static class Pile {{ public static string Show({type} value) {{ {body} }} }}");
            Single(findings, Rule.FloatToText, "Pile::Show");
        }
    }

    [Fact]
    public void MemberMissingOnDotNetIsReported()
    {
        var findings = DeviceCompiler.Check(@"
            public static class Pile {
                public static bool Little() { return System.BitConverter.IsLittleEndian; }
                public static long Unix(System.DateTime t) { return t.ToUnixTimeSeconds(); }
            }");
        Assert.Contains("get_IsLittleEndian", Single(findings, Rule.MissingOnDotNet, "System.BitConverter::get_IsLittleEndian").Location);
        Single(findings, Rule.MissingOnDotNet, "System.DateTime::ToUnixTimeSeconds");
    }

    [Fact]
    public void GenericCollectionsDoNotEvenCompile()
    {
        var errors = DeviceCompiler.Errors("public static class Pile { public static int Count() { var l = new System.Collections.Generic.List<int>(); return l.Count; } }");
        Assert.Contains(errors, e => e.Contains("Generic"));
    }
}
