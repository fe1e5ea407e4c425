using System.Text;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>PileUpdate keygen and pack as the operator runs them; every package is judged by the pile's own code.</summary>
public class PileUpdateTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pileupdate-").FullName;

    private static ToolRun Run(params string[] arguments) => ToolRun.Of("PileUpdate", null, arguments);

    private string Keys(string name = "keys", string keyId = "op-2026a")
    {
        var dir = Path.Combine(_dir, name);
        var run = Run("keygen", "--out", dir, "--key-id", keyId);
        Assert.True(run.ExitCode == 0, run.Errors);
        return dir;
    }

    private string[] Files()
    {
        var firmware = Path.Combine(_dir, "ChargeController.Firmware.pe");
        var app = Path.Combine(_dir, "ChargeController.App.pe");
        File.WriteAllBytes(firmware, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        File.WriteAllBytes(app, Encoding.ASCII.GetBytes("app"));
        return new[] { firmware, app };
    }

    private ToolRun Pack(string keys, string output, params string[] more) =>
        Run(new[] { "pack", "--key", Path.Combine(keys, "update-private.pem"), "--version", "1.4.0", "--board", "esp32-wrover",
            "--expires-days", "90", "--out", output }.Concat(more).Concat(Files()).ToArray());

    /// <summary>The package as a pile holds it after the download: in slot 1, checked by SlotVerifier with the pile's key file.</summary>
    private (string? Reason, SlotVerifier Verifier) Verify(string package, string keys)
    {
        var files = new MemoryFiles();
        foreach (var file in Directory.GetFiles(package))
            files.Put(SlotLayout.FileName(1, Path.GetFileName(file)), File.ReadAllBytes(file));
        var keyFile = File.ReadAllBytes(Path.Combine(keys, "update-key.bin"));
        var key = new UpdateKey();
        Assert.True(key.Read(keyFile, 0, keyFile.Length));
        var verifier = new SlotVerifier(files);
        return (verifier.Check(1, key), verifier);
    }

    [Fact]
    public void HelpAndVersion() =>
        ToolConventions.HelpAndVersionGoToStandardOutput("PileUpdate", "PileUpdate", "usage: PileUpdate keygen --out <dir>");

    [Fact]
    public void KeygenWritesAPrivateKeyOnlyItsOwnerReadsAndThePilesKeyFile()
    {
        var keys = Keys(keyId: "op-2026a");
        var pem = Path.Combine(keys, "update-private.pem");
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pem));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(pem));
        var keyFile = File.ReadAllBytes(Path.Combine(keys, "update-key.bin"));
        var key = new UpdateKey();
        Assert.True(key.Read(keyFile, 0, keyFile.Length));
        Assert.Equal("op-2026a", key.KeyId);
        var again = Run("keygen", "--out", keys);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds a key", again.Errors);
    }

    [Fact]
    public void APackedPackageChecksOutWithThePilesCode()
    {
        var keys = Keys();
        var package = Path.Combine(_dir, "cc-1.4.0");
        var run = Pack(keys, package, "--allow-older");
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("cc-1.4.0 (version 1.4.0, esp32-wrover, key op-2026a", run.Output);
        var (reason, verifier) = Verify(package, keys);
        Assert.Null(reason);
        var manifest = verifier.Manifest;
        Assert.Equal("cc-1.4.0", manifest.Package);
        Assert.Equal(1_004_000, manifest.Version);
        Assert.True(manifest.AllowOlder);
        Assert.Equal("ChargeController.Firmware.pe", manifest.FileName(0)); // in the order given: load order
        Assert.Equal("ChargeController.App.pe", manifest.FileName(1));
        var expires = DateTimeOffset.FromUnixTimeSeconds(manifest.ExpiresUnixS);
        Assert.InRange((expires - DateTimeOffset.UtcNow).TotalDays, 90, 91);
        Assert.Null(manifest.Check("esp32-wrover", 1, 1_003_000, 1_003_000, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    }

    [Theory]
    [InlineData("a file", "file-hash")]
    [InlineData("the manifest", "bad-signature")]
    [InlineData("the signature", "bad-signature")]
    public void ATamperedPackageIsRefused(string what, string reason)
    {
        var keys = Keys();
        var package = Path.Combine(_dir, "cc-1.4.0");
        Assert.Equal(0, Pack(keys, package).ExitCode);
        var path = Path.Combine(package, what switch { "a file" => "ChargeController.Firmware.pe", "the manifest" => "manifest.json", _ => "manifest.sig" });
        var bytes = File.ReadAllBytes(path);
        bytes[what == "the manifest" ? 12 : 100] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(reason, Verify(package, keys).Reason);
    }

    [Fact]
    public void APackageSignedWithAnotherKeyIsRefused()
    {
        var ours = Keys("ours", "op-2026a");
        var theirs = Keys("theirs", "op-2026a");
        var package = Path.Combine(_dir, "cc-1.4.0");
        Assert.Equal(0, Pack(theirs, package).ExitCode);
        Assert.Equal("bad-signature", Verify(package, ours).Reason);
    }

    [Fact]
    public void NextKeyCarriesTheNewPublicKey()
    {
        var keys = Keys();
        var next = Keys("next", "op-2027a");
        var package = Path.Combine(_dir, "cc-1.4.0");
        Assert.Equal(0, Pack(keys, package, "--next-key", Path.Combine(next, "update-key.bin")).ExitCode);
        var (reason, verifier) = Verify(package, keys);
        Assert.Null(reason);
        Assert.True(verifier.Manifest.HasNextKey);
        Assert.Equal("op-2027a", verifier.Manifest.NextKey.KeyId);
        Assert.Equal(File.ReadAllBytes(Path.Combine(next, "update-key.bin"))[^256..], verifier.Manifest.NextKey.Modulus);
        // base64's '+' as itself: escaped as \u002B, a key with many of them once passed the pile's length limit
        Assert.DoesNotContain("\\u", File.ReadAllText(Path.Combine(package, "manifest.json")));
    }

    [Theory]
    [InlineData("no command", new string[0])]
    [InlineData("unknown command", new[] { "publish" })]
    [InlineData("keygen without --out", new[] { "keygen" })]
    [InlineData("unknown option", new[] { "keygen", "--out", "x", "--bits", "4096" })]
    [InlineData("bad key id", new[] { "keygen", "--out", "x", "--key-id", "op 2026" })]
    [InlineData("pack without files", new[] { "pack", "--key", "k", "--version", "1.4.0", "--board", "b", "--expires-days", "9", "--out", "o" })]
    [InlineData("pack without --board", new[] { "pack", "--key", "k", "--version", "1.4.0", "--expires-days", "9", "--out", "o", "f.pe" })]
    [InlineData("bad version", new[] { "pack", "--key", "k", "--version", "1.4", "--board", "b", "--expires-days", "9", "--out", "o", "f.pe" })]
    [InlineData("bad days", new[] { "pack", "--key", "k", "--version", "1.4.0", "--board", "b", "--expires-days", "0", "--out", "o", "f.pe" })]
    [InlineData("value missing", new[] { "pack", "--key" })]
    public void BadUsageExitsTwoWithTheUsage(string what, string[] arguments)
    {
        var run = Run(arguments);
        Assert.True(run.ExitCode == 2, what);
        Assert.Contains("usage: PileUpdate", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void AMissingFileOrKeyIsAFailure()
    {
        var keys = Keys();
        var missing = Run("pack", "--key", Path.Combine(keys, "update-private.pem"), "--version", "1.4.0", "--board", "esp32-wrover",
            "--expires-days", "90", "--out", Path.Combine(_dir, "p"), Path.Combine(_dir, "nothing.pe"));
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("PileUpdate: cannot read", missing.Errors);
        var noKey = Run("pack", "--key", Path.Combine(keys, "update-key.bin"), "--version", "1.4.0", "--board", "esp32-wrover",
            "--expires-days", "90", "--out", Path.Combine(_dir, "p"), Files()[0]);
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("no key id line", noKey.Errors);
        var big = Path.Combine(_dir, "big.pe");
        File.WriteAllBytes(big, new byte[512 * 1024 + 1]);
        var tooBig = Run("pack", "--key", Path.Combine(keys, "update-private.pem"), "--version", "1.4.0", "--board", "esp32-wrover",
            "--expires-days", "90", "--out", Path.Combine(_dir, "p"), big);
        Assert.Equal(1, tooBig.ExitCode);
        Assert.Contains("a file is 1 to 524288 bytes", tooBig.Errors);
    }
}
