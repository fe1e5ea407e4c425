using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// NF008: a string array whose elements are never assigned crashes nanoCLR when one is compared; it is reported where the
/// array is made (and where Array.Clear empties one), and arrays made whole where they are made pass.
/// </summary>
public class UnassignedStringsTests
{
    [Fact]
    public void FieldInitializerAsInCommandHandlerIsReportedWithItsField()
    {
        var findings = DeviceCompiler.CheckWithFirmware(@"
            public sealed class Handler {
                private readonly string[] _seenIds = new string[32];
                public bool Seen(string id) { for (var i = 0; i < _seenIds.Length; i++) if (_seenIds[i] == id) return true; return false; }
            }");
        var finding = RuleTests.Single(findings, Rule.UnassignedStrings, "Handler::.ctor");
        Assert.Equal("Fixture: error NF008: Handler::.ctor: makes a string array (stored in _seenIds) whose elements are never " +
            "assigned: on nanoCLR such an element is not a proper null (comparing it with ==, string.Equals or string.Compare " +
            "crashes the interpreter; == null is false). Make it with Strings.Filled(new string[n]) or an initializer that " +
            "names every element.", finding.ToString());
    }

    [Theory]
    [InlineData("var words = new string[count]; for (var i = 0; i < count; i++) words[i] = \"w\"; return words;", "(stored in a local) whose")]
    [InlineData("return new string[count > 9 ? 0 : count];", "makes a string array whose")] // not a constant length 0
    public void ArrayMadeInAMethodIsReportedEvenWhenALoopFillsIt(string body, string expected)
    {
        var findings = DeviceCompiler.CheckWithFirmware("public static class Pile { public static string[] Words(int count) { " + body + " } }");
        Assert.Contains(expected + " elements are never assigned", RuleTests.Single(findings, Rule.UnassignedStrings, "Pile::Words").Message);
    }

    [Fact]
    public void InitializerWithNullElementsIsReportedWithTheirIndices()
    {
        var findings = DeviceCompiler.CheckWithFirmware(@"public static class Pile { public static readonly string[] Defaults = { ""8883"", null, ""on"", null }; }");
        var message = RuleTests.Single(findings, Rule.UnassignedStrings, "Pile::.cctor").Message;
        Assert.Contains("(stored in Defaults) whose initializer leaves elements 1, 3 unassigned", message);
    }

    [Theory]
    [InlineData("System.Array.Clear(_tags, 0, _tags.Length);", "_tags")]
    [InlineData("System.Array.Clear(tags, 0, 2);", "tags")]
    [InlineData("var local = _tags; System.Array.Clear(local, 0, local.Length);", "a local")]
    [InlineData("System.Array.Clear(Tags(), 1, 1);", "from Pile::Tags()")]
    public void ArrayClearOfAStringArrayIsReported(string clear, string what)
    {
        var findings = DeviceCompiler.CheckWithFirmware(@"
            public sealed class Pile {
                private readonly string[] _tags = { ""a"", ""b"", ""c"" };
                private string[] Tags() { return _tags; }
                public void Reset(string[] tags) { " + clear + @" }
            }");
        Assert.Contains($"clears a string array ({what}) with System.Array::Clear", RuleTests.Single(findings, Rule.UnassignedStrings, "Pile::Reset").Message);
    }

    [Fact]
    public void ArraysMadeWholeWhereTheyAreMadePass()
    {
        var findings = DeviceCompiler.CheckWithFirmware(@"
            using ChargeController.Firmware.Text;
            public sealed class Pile {
                private static bool _on;
                private static readonly string[] None = new string[0];
                private static readonly string[] Full = { ""a"", _on ? ""on"" : ""off"", string.Concat(""b"", ""c""), None.Length.ToString() };
                private readonly string[] _ids = Strings.Filled(new string[32]);
                private readonly string[][] _nested = { new[] { ""x"" }, new string[0] };
                private readonly object[] _objects = new object[4];
                private readonly byte[][] _frames = new byte[3][];
                private readonly string[][] _jagged = new string[2][];
                public string[] Words(int count) { return Strings.Filled(new string[count]); }
                public void Reset() { Strings.Filled(_ids); System.Array.Clear(_objects, 0, 4); System.Array.Clear(_frames, 0, 3); System.Array.Clear(_jagged, 0, 2); }
            }");
        Assert.Empty(findings);
    }
}
