using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>SlotVerifier and SlotChooser on packages signed by .NET's RSA and installed into memory files.</summary>
public class SlotTests
{
    private const int MaxTrialBoots = 3;
    private static readonly UpdateKey Key = TestKeys.Key(TestKeys.Operator);
    private readonly MemoryFiles _files = new();

    /// <summary>Installs a signed package of two files into <paramref name="slot"/>, as a finished download leaves it.</summary>
    private void Install(int slot, string version, RSA? signer = null, string keyId = "op-2026a")
    {
        var firmware = Encoding.ASCII.GetBytes("firmware " + version + new string('x', 3000)); // several hash chunks
        var hal = Encoding.ASCII.GetBytes("hal " + version);
        var manifest = TestKeys.Manifest(("ChargeController.Firmware.pe", firmware), ("ChargeController.Hal.pe", hal));
        manifest["version"] = version;
        manifest["keyId"] = keyId;
        var bytes = TestKeys.Bytes(manifest);
        _files.Put(SlotLayout.FileName(slot, "manifest.json"), bytes);
        _files.Put(SlotLayout.FileName(slot, "manifest.sig"), TestKeys.Sign(bytes, signer));
        _files.Put(SlotLayout.FileName(slot, "ChargeController.Firmware.pe"), firmware);
        _files.Put(SlotLayout.FileName(slot, "ChargeController.Hal.pe"), hal);
    }

    private string? Verify(int slot) => new SlotVerifier(_files).Check(slot, Key);

    private static SlotState Running(int slot, bool trial = false, int trialBoots = 0) => new()
    {
        ActiveSlot = slot, Trial = trial, TrialBoots = trialBoots,
        RunningVersion = slot == 1 ? 1_004_000 : 1_003_000, PreviousVersion = slot == 1 ? 1_003_000 : 1_004_000, HighestVersion = 1_003_000,
    };

    [Fact]
    public void AnIntactSignedSlotChecksOut()
    {
        Install(0, "1.3.0");
        var verifier = new SlotVerifier(_files);
        Assert.Null(verifier.Check(0, Key));
        Assert.Null(verifier.Detail);
        Assert.Equal(1_003_000, verifier.Manifest.Version);
        Assert.Equal("not-found", Verify(1));
    }

    [Theory]
    [InlineData("a byte of a file", "file-hash")]
    [InlineData("a byte of the last file", "file-hash")]
    [InlineData("a file one byte longer", "file-size")]
    [InlineData("a file missing", "not-found")]
    [InlineData("a byte of the manifest", "bad-signature")]
    [InlineData("a bit of the signature", "bad-signature")]
    [InlineData("the signature cut short", "bad-signature")]
    [InlineData("the signature missing", "not-found")]
    [InlineData("a file of another package", "file-hash")]
    public void ATamperedSlotIsRefusedWithItsReason(string tampering, string reason)
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        string Name(string file) => SlotLayout.FileName(0, file);
        switch (tampering)
        {
            case "a byte of a file": _files.Get(Name("ChargeController.Firmware.pe"))[2500] ^= 1; break;
            case "a byte of the last file": _files.Get(Name("ChargeController.Hal.pe"))[0] ^= 0x20; break;
            case "a file one byte longer": _files.Put(Name("ChargeController.Hal.pe"), _files.Get(Name("ChargeController.Hal.pe")).Append((byte)0).ToArray()); break;
            case "a file missing": _files.Remove(Name("ChargeController.Hal.pe")); break;
            case "a byte of the manifest": _files.Get(Name("manifest.json"))[30] ^= 1; break;
            case "a bit of the signature": _files.Get(Name("manifest.sig"))[100] ^= 4; break;
            case "the signature cut short": _files.Put(Name("manifest.sig"), _files.Get(Name("manifest.sig"))[..255]); break;
            case "the signature missing": _files.Remove(Name("manifest.sig")); break;
            default:
                // same name and size: the file of package 1.4.0 ("1.4.0" and "1.3.0" are as long) in package 1.3.0
                _files.Put(Name("ChargeController.Hal.pe"), _files.Get(SlotLayout.FileName(1, "ChargeController.Hal.pe")));
                break;
        }
        var verifier = new SlotVerifier(_files);
        Assert.Equal(reason, verifier.Check(0, Key));
        Assert.NotNull(verifier.Detail);
    }

    [Fact]
    public void AnotherKeyIsUnknownOrABadSignature()
    {
        Install(0, "1.3.0", TestKeys.Other, "op-2027a");
        Assert.Equal("unknown-key", Verify(0));
        Install(0, "1.3.0", TestKeys.Other); // claims our key id, signed by another
        Assert.Equal("bad-signature", Verify(0));
    }

    [Fact]
    public void ASignedManifestThatDoesNotReadIsABadManifest()
    {
        var bytes = Encoding.ASCII.GetBytes("{\"v\":1}");
        _files.Put(SlotLayout.FileName(0, "manifest.json"), bytes);
        _files.Put(SlotLayout.FileName(0, "manifest.sig"), TestKeys.Sign(bytes));
        var verifier = new SlotVerifier(_files);
        Assert.Equal("bad-manifest", verifier.Check(0, Key));
        Assert.Contains("package", verifier.Detail);
    }

    [Fact]
    public void TheActiveSlotBootsWhenItChecksOut()
    {
        Install(0, "1.3.0");
        var state = Running(0);
        var chooser = new SlotChooser(new SlotVerifier(_files), MaxTrialBoots);
        Assert.Equal(0, chooser.Choose(state, Key));
        Assert.Null(chooser.Reason);
        Assert.Equal(0, state.ActiveSlot);
        Assert.Null(state.LastRollbackReason);
    }

    [Fact]
    public void ATrialIsCountedAndACrashLoopGoesBackToThePreviousSlot()
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        var state = Running(1, trial: true);
        var chooser = new SlotChooser(new SlotVerifier(_files), MaxTrialBoots);
        for (var boot = 1; boot <= MaxTrialBoots; boot++)
        {
            Assert.Equal(1, chooser.Choose(state, Key));
            Assert.Equal(boot, state.TrialBoots);
            Assert.True(state.Trial);
        }
        Assert.Equal(0, chooser.Choose(state, Key)); // never confirmed: a crash loop
        Assert.Equal("crash-loop", chooser.Reason);
        Assert.Equal(0, state.ActiveSlot);
        Assert.False(state.Trial);
        Assert.Equal(0, state.TrialBoots);
        Assert.Equal(1_003_000, state.RunningVersion);
        Assert.Equal(1_004_000, state.PreviousVersion);
        Assert.Equal("crash-loop", state.LastRollbackReason);
        Assert.Equal(0, chooser.Choose(state, Key)); // and it stays there
        Assert.Null(chooser.Reason);
    }

    [Fact]
    public void ATrialTheFirmwareGaveUpGoesBackWithTheFirmwaresReason()
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        var state = Running(1, trial: true, trialBoots: 1);
        state.TrialFailure = "trial-timeout";
        var chooser = new SlotChooser(new SlotVerifier(_files), MaxTrialBoots);
        Assert.Equal(0, chooser.Choose(state, Key));
        Assert.Equal("trial-timeout", state.LastRollbackReason);
        Assert.Null(state.TrialFailure);
    }

    [Fact]
    public void AnActiveSlotThatFailsItsCheckGivesWayToTheOther()
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        _files.Get(SlotLayout.FileName(1, "ChargeController.Hal.pe"))[1] ^= 1;
        var state = Running(1);
        var chooser = new SlotChooser(new SlotVerifier(_files), MaxTrialBoots);
        Assert.Equal(0, chooser.Choose(state, Key));
        Assert.Equal("file-hash", chooser.Reason);
        Assert.Equal(0, state.ActiveSlot);
        Assert.Equal(1_003_000, state.RunningVersion);
        Assert.Equal("file-hash", state.LastRollbackReason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WhenNeitherSlotChecksOutTheFactoryCopyRuns(bool crashLoop)
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        _files.Remove(SlotLayout.FileName(0, "manifest.sig"));
        if (!crashLoop)
            _files.Get(SlotLayout.FileName(1, "manifest.json"))[5] ^= 1;
        var state = Running(1, trial: crashLoop, trialBoots: crashLoop ? MaxTrialBoots : 0);
        var chooser = new SlotChooser(new SlotVerifier(_files), MaxTrialBoots);
        Assert.Equal(SlotLayout.Factory, chooser.Choose(state, Key));
        Assert.Equal(crashLoop ? "crash-loop" : "bad-signature", chooser.Reason);
        Assert.Contains("factory", chooser.Detail);
        Assert.Equal(SlotLayout.Factory, state.ActiveSlot);
        Assert.Equal(UpdateVersion.None, state.RunningVersion);
        Assert.Equal(SlotLayout.Factory, chooser.Choose(state, Key)); // and the factory copy keeps running
    }
}
