using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>manifest.json read strictly (every fault is bad-manifest, with a detail saying what), then checked against the pile.</summary>
public class UpdateManifestTests
{
    private static readonly byte[] Firmware = Encoding.ASCII.GetBytes("firmware bytes");
    private static readonly byte[] Hal = Encoding.ASCII.GetBytes("hal bytes, a few more");
    private static readonly long March2027 = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private const int Running = 1_003_002, LoaderVersion = 1;

    private static JsonObject Example() =>
        TestKeys.Manifest(("ChargeController.Firmware.pe", Firmware), ("ChargeController.Hal.pe", Hal));

    private static UpdateManifest Read(JsonNode json)
    {
        var manifest = new UpdateManifest();
        var bytes = TestKeys.Bytes(json);
        Assert.True(manifest.Read(bytes, bytes.Length), manifest.Detail);
        return manifest;
    }

    private static string Refusal(byte[] bytes)
    {
        var manifest = new UpdateManifest();
        Assert.False(manifest.Read(bytes, bytes.Length), "accepted");
        Assert.Equal(0, manifest.FileCount);
        return manifest.Detail!;
    }

    [Fact]
    public void ANextKeyWithEscapedCharactersReads()
    {
        // a JSON writer may write any character of the base64 as \uXXXX (System.Text.Json does '+'): 40 of them here
        var nextKey = TestKeys.KeyFile(TestKeys.Other, "op-2027a");
        var base64 = Convert.ToBase64String(nextKey);
        var escaped = string.Concat(base64[..40].Select(c => $"\\u{(int)c:X4}")) + base64[40..];
        var example = Example();
        example["nextKey"] = "NEXT";
        var text = example.ToJsonString().Replace("NEXT", escaped);
        var manifest = new UpdateManifest();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.True(manifest.Read(bytes, bytes.Length), manifest.Detail);
        Assert.Equal(TestKeys.Other.ExportParameters(false).Modulus, manifest.NextKey.Modulus);
    }

    [Fact]
    public void ReadsTheContractsExample()
    {
        var example = Example();
        var nextKey = TestKeys.KeyFile(TestKeys.Other, "op-2027a");
        example["nextKey"] = Convert.ToBase64String(nextKey);
        var manifest = Read(example);
        Assert.Equal("cc-1.4.0", manifest.Package);
        Assert.Equal(1_004_000, manifest.Version);
        Assert.Equal("esp32-wrover", manifest.Board);
        Assert.Equal(1, manifest.LoaderMin);
        Assert.False(manifest.AllowOlder);
        Assert.Equal(March2027, manifest.ExpiresUnixS);
        Assert.Equal("op-2026a", manifest.KeyId);
        Assert.Equal(2, manifest.FileCount);
        Assert.Equal("ChargeController.Hal.pe", manifest.FileName(1));
        Assert.Equal(Hal.Length, manifest.FileSize(1));
        Assert.Equal(Firmware.Length + Hal.Length, manifest.TotalBytes);
        Assert.Equal(1, manifest.IndexOf("ChargeController.Hal.pe"));
        Assert.Equal(-1, manifest.IndexOf("ChargeController.Hal"));
        Assert.True(manifest.HashMatches(0, System.Security.Cryptography.SHA256.HashData(Firmware)));
        Assert.False(manifest.HashMatches(1, System.Security.Cryptography.SHA256.HashData(Firmware)));
        Assert.True(manifest.HasNextKey);
        Assert.Equal("op-2027a", manifest.NextKey.KeyId);
        Assert.Equal(TestKeys.Other.ExportParameters(false).Modulus, manifest.NextKey.Modulus);
    }

    [Fact]
    public void AllowOlderAndNextKeyMayBeLeftOut()
    {
        var example = Example();
        example.Remove("allowOlder");
        var manifest = Read(example);
        Assert.False(manifest.AllowOlder);
        Assert.False(manifest.HasNextKey);
    }

    public static IEnumerable<object[]> Faults() => new (string, Action<JsonObject>, string)[]
    {
        ("no v", m => m.Remove("v"), "v is not 1"),
        ("v 2", m => m["v"] = 2, "v is not 1"),
        ("unknown member", m => m["signature"] = "x", "unknown member signature"),
        ("no package", m => m.Remove("package"), "package is not"),
        ("package with a slash", m => m["package"] = "cc/1.4.0", "package is not"),
        ("board a number", m => m["board"] = 32, "board is not"),
        ("no key id", m => m.Remove("keyId"), "keyId is not"),
        ("version of two numbers", m => m["version"] = "1.4", "version is not"),
        ("version a number", m => m["version"] = 1.4, "version is not"),
        ("version 1000", m => m["version"] = "1000.0.0", "version is not"),
        ("loaderMin 0", m => m["loaderMin"] = 0, "loaderMin"),
        ("loaderMin a string", m => m["loaderMin"] = "1", "loaderMin"),
        ("allowOlder a string", m => m["allowOlder"] = "yes", "allowOlder"),
        ("expires without a zone", m => m["expires"] = "2027-03-01T00:00:00", "expires"),
        ("expires missing", m => m.Remove("expires"), "expires"),
        ("no files", m => m["files"] = new JsonArray(), "files is not"),
        ("files an object", m => m["files"] = new JsonObject(), "files is not"),
        ("nine files", m => m["files"] = new JsonArray(Enumerable.Range(0, 9).Select(i => (JsonNode)new JsonObject { ["name"] = $"f{i}.pe", ["size"] = 1, ["sha256"] = new string('0', 64) }).ToArray()), "files is not"),
        ("file path", m => m["files"]![0]!["name"] = "../boot.bin", "a file name"),
        ("file name of 49", m => m["files"]![0]!["name"] = new string('a', 49), "a file name"),
        ("file named twice", m => m["files"]![1]!["name"] = "ChargeController.Firmware.pe", "named twice"),
        ("file named as the manifest", m => m["files"]![1]!["name"] = "manifest.json", "reserved"),
        ("file named as the key", m => m["files"]![1]!["name"] = "update-key.bin", "reserved"),
        ("file size 0", m => m["files"]![0]!["size"] = 0, "size"),
        ("file size above 512 KiB", m => m["files"]![0]!["size"] = 512 * 1024 + 1, "size"),
        ("file size a fraction", m => m["files"]![0]!["size"] = 10.5, "size"),
        ("hash upper case", m => m["files"]![0]!["sha256"] = m["files"]![0]!["sha256"]!.GetValue<string>().ToUpperInvariant(), "sha256"),
        ("hash 63 digits", m => m["files"]![0]!["sha256"] = m["files"]![0]!["sha256"]!.GetValue<string>()[1..], "sha256"),
        ("hash not hex", m => m["files"]![0]!["sha256"] = new string('g', 64), "sha256"),
        ("file member unknown", m => m["files"]![0]!["mode"] = 420, "a file is not"),
        ("file member missing", m => m["files"]![0]!.AsObject().Remove("size"), "a file is not"),
        ("next key not base64", m => m["nextKey"] = "!!!!", "nextKey"),
        ("next key too short", m => m["nextKey"] = Convert.ToBase64String(TestKeys.KeyFile(TestKeys.Other)[..^1]), "nextKey"),
    }.Select(f => new object[] { f.Item1, f.Item2, f.Item3 });

    [Theory]
    [MemberData(nameof(Faults))]
    public void RefusesEveryFaultWithADetail(string fault, Action<JsonObject> change, string detail)
    {
        var manifest = Example();
        change(manifest);
        Assert.Contains(detail, Refusal(TestKeys.Bytes(manifest)));
        Assert.NotNull(fault);
    }

    [Fact]
    public void RefusesWhatIsNotOneSmallJsonObject()
    {
        var bytes = TestKeys.Bytes(Example());
        Assert.Contains("not valid JSON", Refusal(bytes[..^1]));
        Assert.Contains("not valid JSON", Refusal(Encoding.ASCII.GetBytes("[1]")));
        Assert.Contains("not valid JSON", Refusal(Encoding.ASCII.GetBytes("{\"v\":1,\"v\":1}")));
        var padded = Example();
        padded["package"] = "p";
        var big = TestKeys.Bytes(padded).Concat(Enumerable.Repeat((byte)' ', 2048)).ToArray();
        Assert.Contains("longer than 2048", Refusal(big));
    }

    [Fact]
    public void AFailedReadLeavesNoFilesOfTheManifestBefore()
    {
        var manifest = new UpdateManifest();
        var good = TestKeys.Bytes(Example());
        Assert.True(manifest.Read(good, good.Length));
        var bad = Example();
        bad["files"]![1]!["sha256"] = "x";
        var bytes = TestKeys.Bytes(bad);
        Assert.False(manifest.Read(bytes, bytes.Length));
        Assert.Equal(0, manifest.FileCount);
        Assert.Equal(-1, manifest.IndexOf("ChargeController.Firmware.pe"));
    }

    [Theory]
    [InlineData("esp32-wroom", LoaderVersion, Running, Running, -1L, "wrong-board")]
    [InlineData("esp32-wrover", 0, Running, Running, -1L, "loader-too-old")]
    [InlineData("esp32-wrover", LoaderVersion, 1_004_001, 1_004_001, -1L, "older-version")]
    [InlineData("esp32-wrover", LoaderVersion, 1_003_000, 1_005_000, -1L, "older-version")] // runs older after a rollback; highest confirmed was 1.5.0
    [InlineData("esp32-wrover", LoaderVersion, Running, Running, 1_900_000_000L, "expired")] // 2030
    [InlineData("esp32-wrover", LoaderVersion, Running, Running, -1L, null)] // no clock: expiry unknown, accepted
    [InlineData("esp32-wrover", LoaderVersion, 1_004_000, 1_004_000, 1_790_000_000L, null)] // the same version again: not older
    [InlineData("esp32-wrover", 2, UpdateVersion.None, UpdateVersion.None, 1_790_000_000L, null)] // nothing installed yet
    public void ChecksTheBoardTheLoaderTheVersionAndTheTime(string board, int loader, int running, int highest, long now, string? reason)
    {
        var manifest = Read(Example());
        Assert.Equal(reason, manifest.Check(board, loader, running, highest, now));
        Assert.Equal(reason == null, manifest.Detail == null);
    }

    [Fact]
    public void ExpiresAtTheSecondItNames()
    {
        var manifest = Read(Example());
        Assert.Null(manifest.Check("esp32-wrover", LoaderVersion, Running, Running, March2027 - 1));
        Assert.Equal("expired", manifest.Check("esp32-wrover", LoaderVersion, Running, Running, March2027));
        Assert.Equal("the manifest expired", manifest.Detail);
    }

    [Fact]
    public void AllowOlderLetsAnOlderVersionIn()
    {
        var example = Example();
        example["allowOlder"] = true;
        var manifest = Read(example);
        Assert.Null(manifest.Check("esp32-wrover", LoaderVersion, 1_005_000, 1_006_000, -1));
        example["allowOlder"] = false;
        manifest = Read(example);
        Assert.Equal("older-version", manifest.Check("esp32-wrover", LoaderVersion, 1_005_000, 1_006_000, -1));
        Assert.Contains("older than 1.6.0", manifest.Detail);
    }
}
