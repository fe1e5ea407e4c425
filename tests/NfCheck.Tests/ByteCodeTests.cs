using System.Text;
using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// NF012: MetadataProcessor addresses an assembly's byte code with 16-bit offsets and refuses one past 65,535 bytes. The
/// fixtures are methods of a known nanoFramework size (each `ldc.i4 n; stsfld; ... ret`: 5 + 3 bytes a store, the token
/// shortened to 2), so an assembly lands exactly at the limit or one byte past it; the real converter took the first and
/// stopped on the second with "Byte code table overflow" (docs/nfcheck.md).
/// </summary>
public class ByteCodeTests
{
    private const int StoreBytes = 8; // ldc.i4 <int32> (5) + stsfld <token> (1 + 2 on the device)

    [Fact]
    public void AnAssemblyAtTheLimitPassesAndReportsItsHeadroom()
    {
        var result = Check(DeviceCompiler.Compile("Fixture", Methods(ByteCode.Limit)));
        Assert.DoesNotContain(result.Findings, f => f.Rule == Rule.ByteCodeOverflow);
        Assert.Contains("Fixture: byte code 65,535 of 65,535", result.Sizes.Single().Lines());
    }

    [Fact]
    public void AnAssemblyOneBytePastTheLimitIsRefused()
    {
        var result = Check(DeviceCompiler.Compile("Fixture", Methods(ByteCode.Limit + 1)));
        var finding = RuleTests.Single(result.Findings, Rule.ByteCodeOverflow, "assembly");
        Assert.Contains("byte code of 65,536 bytes passes the 65,535", finding.Message);
    }

    [Fact]
    public void ExceptionHandlersSwitchesAndStringsCountAsOnTheDevice()
    {
        // MetadataProcessor made a byte-code table of 60 bytes of this (4-byte padded: 57 to 60), so must the checker:
        // counted as in .NET's IL (its switch, strings, calls and the fat try/finally) it would be 108.
        var result = Check(DeviceCompiler.Compile("Fixture", @"
            public static class Pick {
                public static string Name(int i) { switch (i) { case 0: return ""a""; case 1: return ""b""; case 2: return ""c""; } return ""d""; }
                public static int Guarded(int a) { try { a++; } finally { a--; } return a; }
            }"));
        Assert.Equal(60, result.Sizes.Single().ByteCodeBytes);
    }

    /// <summary>
    /// A class whose methods add up to exactly <paramref name="bytes"/> of byte code: each is `ret` (1 byte) after up to
    /// 200 stores, with as many methods as make the stores fill the rest in whole 8-byte steps.
    /// </summary>
    private static string Methods(int bytes)
    {
        bytes -= Check(DeviceCompiler.Compile("Fixture", Empty + "}")).Sizes.Single().ByteCodeBytes; // the compiler's own types
        var methods = bytes % StoreBytes + StoreBytes * (bytes / (200 * StoreBytes * StoreBytes) + 1);
        var stores = (bytes - methods) / StoreBytes;
        var source = new StringBuilder(Empty);
        for (var method = 0; method < methods; method++)
        {
            source.Append($"public static void M{method}() {{");
            for (var store = 0; store < 200 && stores > 0; store++, stores--)
                source.Append($" F = {100000 + store};");
            source.Append(" }\n");
        }
        Assert.Equal(0, stores);
        return source.Append('}').ToString();
    }

    private const string Empty = "public static class Big { public static int F;\n";

    private static CheckResult Check(string path) =>
        new Checker(new[] { path }, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run();
}
