using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Updates;

/// <summary>
/// The key's rotation when a package naming a nextKey is confirmed (<see cref="ManifestCheck.ForKeyRotation"/>): the
/// pile's update-key.bin becomes the next key with the old one behind it, a power cut at any byte of that write leaves a
/// key the loader boots the slot with (old or new, never none), and from then on only the new key signs a download.
/// </summary>
public class KeyRotationTests
{
    private const string OldId = TestPackage.KeyId;
    private const string NextId = "op-2026b";
    private static readonly RSA Next = RSA.Create(2048);
    private static readonly byte[] File = UpdateRig.Bytes(3000, 5);

    private static byte[] KeyFile(RSA rsa, string id) =>
        new[] { (byte)id.Length }.Concat(Encoding.ASCII.GetBytes(id)).Concat(rsa.ExportParameters(false).Modulus!).ToArray();

    /// <summary>A flash with the old key and, in <paramref name="slot"/>, a package signed by <paramref name="signer"/> naming <paramref name="nextKey"/>.</summary>
    private static SimFileStore Flash(int slot = 0, RSA? signer = null, string signerId = OldId, byte[]? nextKey = null)
    {
        var flash = new SimFileStore();
        var oldKey = KeyFile(TestPackage.Operator, OldId);
        Assert.True(flash.Load(UpdateKey.FileName, oldKey));
        var manifest = new JsonObject
        {
            ["v"] = 1, ["package"] = "cc-1.5.0", ["version"] = "1.5.0", ["board"] = "esp32-wrover", ["loaderMin"] = 1, ["allowOlder"] = false,
            ["expires"] = "2027-03-01T00:00:00Z", ["keyId"] = signerId,
            ["files"] = new JsonArray(new JsonObject { ["name"] = "App.pe", ["size"] = File.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File)) }),
        };
        if (nextKey != null)
            manifest["nextKey"] = Convert.ToBase64String(nextKey);
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        Assert.True(flash.Load(SlotLayout.FileName(slot, UpdateManifest.ManifestName), bytes));
        Assert.True(flash.Load(SlotLayout.FileName(slot, UpdateManifest.SignatureName),
            (signer ?? TestPackage.Operator).SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.True(flash.Load(SlotLayout.FileName(slot, "App.pe"), File));
        return flash;
    }

    private static ManifestCheck Check(SimFileStore flash) => new(new LoaderFiles(flash), "esp32-wrover", 1);

    private static UpdateKey PileKey(SimFileStore flash)
    {
        var bytes = flash.DurableContent(UpdateKey.FileName);
        var key = new UpdateKey();
        Assert.True(key.Read(bytes, 0, bytes.Length), "update-key.bin is not a key file");
        return key;
    }

    [Fact]
    public void AConfirmedNextKeyBecomesThePilesKeyWithTheOldOneBehindIt()
    {
        var flash = Flash(nextKey: KeyFile(Next, NextId));
        Assert.True(Check(flash).ForKeyRotation(0).Write());
        var key = PileKey(flash);
        Assert.Equal(NextId, key.KeyId);
        Assert.Equal(Next.ExportParameters(false).Modulus, key.Modulus);
        Assert.Equal(OldId, key.PreviousKeyId);
        Assert.Equal(KeyFile(Next, NextId).Concat(KeyFile(TestPackage.Operator, OldId)), flash.DurableContent(UpdateKey.FileName));
        // the loader still boots the slot that rotated the key (signed by the old one)
        Assert.Null(new SlotVerifier(new LoaderFiles(flash)).Check(0, key));
        // again (a confirmation after a power cut): nothing more is written
        var writes = flash.Writes;
        Assert.True(Check(flash).ForKeyRotation(0).Write());
        Assert.Equal(writes, flash.Writes);
    }

    [Fact]
    public void APowerCutAtEveryByteOfTheKeyWriteLeavesAKeyTheSlotBootsWith()
    {
        var clean = Flash(nextKey: KeyFile(Next, NextId));
        var before = clean.Writes;
        Check(clean).ForKeyRotation(0).Write();
        var writes = clean.Writes - before;
        Assert.True(writes > 500, $"the key write took {writes} writes"); // both records, byte by byte, and the rename
        var outcomes = new HashSet<string>();
        for (long cut = 1; cut <= writes; cut++)
        {
            var flash = Flash(nextKey: KeyFile(Next, NextId));
            flash.CutPowerAtWrite(flash.Writes + cut);
            Assert.False(Check(flash).ForKeyRotation(0).Write(), $"cut at write {cut}");
            flash.RestorePower();
            var key = PileKey(flash);
            Assert.True(key.KeyId == OldId || key.KeyId == NextId, $"cut at write {cut}: key {key.KeyId}");
            Assert.Null(new SlotVerifier(new LoaderFiles(flash)).Check(0, key));
            outcomes.Add(key.KeyId);
            // the next boot's confirmation rotates it, if the cut came first
            Assert.True(Check(flash).ForKeyRotation(0).Write());
            Assert.Equal(NextId, PileKey(flash).KeyId);
        }
        Assert.Equal(new[] { OldId }, outcomes); // the rename is the last write: any cut before it leaves the old file whole
    }

    [Fact]
    public void AfterTheRotationADownloadSignedWithTheOldKeyIsUnknownKey()
    {
        var flash = Flash(nextKey: KeyFile(Next, NextId));
        Check(flash).ForKeyRotation(0).Write();
        var staged = Flash(slot: 1);
        foreach (var name in new[] { UpdateManifest.ManifestName, UpdateManifest.SignatureName })
            Assert.True(flash.Load(SlotLayout.FileName(1, name), staged.DurableContent(SlotLayout.FileName(1, name))));
        var check = Check(flash).For(1, 1_000_000, 1_000_000, 0);
        check.Write();
        Assert.Equal(UpdateReasons.UnknownKey, check.Reason);
        // the rotating package itself is only trusted as the installed slot, not as a download
        check = Check(flash).For(0, 1_000_000, 1_000_000, 0);
        check.Write();
        Assert.Equal(UpdateReasons.UnknownKey, check.Reason);
    }

    [Fact]
    public void TheOldKeyIsTrustedOnlyForThePackageThatNamedTheNewOne()
    {
        // slot 1: signed with the old key, no nextKey; the pile has rotated (slot 0 named the next key)
        var flash = Flash(nextKey: KeyFile(Next, NextId));
        Check(flash).ForKeyRotation(0).Write();
        var other = Flash(slot: 1, nextKey: KeyFile(TestPackage.Stranger, NextId)); // names another key under the next id
        foreach (var name in new[] { UpdateManifest.ManifestName, UpdateManifest.SignatureName, "App.pe" })
            Assert.True(flash.Load(SlotLayout.FileName(1, name), other.DurableContent(SlotLayout.FileName(1, name))));
        Assert.Equal(UpdateReasons.UnknownKey, new SlotVerifier(new LoaderFiles(flash)).Check(1, PileKey(flash)));
        // a package under the old key's id that another key signed, naming the new key: a bad signature
        var forged = Flash(slot: 1, signer: TestPackage.Stranger, nextKey: KeyFile(Next, NextId));
        foreach (var name in new[] { UpdateManifest.ManifestName, UpdateManifest.SignatureName })
            Assert.True(flash.Load(SlotLayout.FileName(1, name), forged.DurableContent(SlotLayout.FileName(1, name))));
        Assert.Equal(UpdateReasons.BadSignature, new SlotVerifier(new LoaderFiles(flash)).Check(1, PileKey(flash)));
    }

    [Fact]
    public void ANextKeyThatIsARotatedFileIsABadManifest()
    {
        var rotated = KeyFile(Next, NextId).Concat(KeyFile(TestPackage.Operator, OldId)).ToArray();
        var flash = Flash(nextKey: rotated);
        var check = Check(flash).For(0, 1_000_000, 1_000_000, 0);
        check.Write();
        Assert.Equal(UpdateReasons.BadManifest, check.Reason);
    }
}
