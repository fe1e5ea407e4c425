using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>The entry a package's last assembly offers the loader; it tells the test through the process-wide AppContext.</summary>
public static class BootTarget
{
    public static void Start() => AppContext.SetData("ChargeController.Loader.Tests.booted", typeof(BootTarget).Assembly.GetName().Name + " from bytes");
}

/// <summary>
/// The loader's power-up on .NET: the package's file is this test assembly's own dll, loaded from bytes with
/// Assembly.Load(byte[]) as nanoCLR loads a .pe (tools/NanoClr/loader.sh does the same on the interpreter).
/// </summary>
public class SlotBootTests
{
    private const string EntryType = "ChargeController.Loader.Tests.BootTarget";
    private readonly MemoryFiles _files = new();
    private readonly byte[] _dll = File.ReadAllBytes(typeof(BootTarget).Assembly.Location);

    private void Install(int slot, string version, bool signed = true)
    {
        var manifest = TestKeys.Manifest(("Loader.Tests.dll", _dll));
        manifest["version"] = version;
        var bytes = TestKeys.Bytes(manifest);
        _files.Put(SlotLayout.FileName(slot, "manifest.json"), bytes);
        if (signed)
            _files.Put(SlotLayout.FileName(slot, "manifest.sig"), TestKeys.Sign(bytes));
        _files.Put(SlotLayout.FileName(slot, "Loader.Tests.dll"), _dll);
    }

    private void Provision(int activeSlot, bool trial = false)
    {
        _files.Put(UpdateKey.FileName, TestKeys.KeyFile(TestKeys.Operator));
        new SlotStateStore(_files).Save(new SlotState { ActiveSlot = activeSlot, Trial = trial, RunningVersion = 1_004_000, HighestVersion = 1_003_000 });
    }

    [Fact]
    public void LoadsTheChosenSlotFromBytesAndRunsItsEntry()
    {
        Install(1, "1.4.0");
        Provision(1, trial: true);
        var boot = new SlotBoot(_files, 3);
        Assert.Equal(1, boot.Choose());
        Assert.Null(boot.Reason);
        var entry = boot.Load(1, EntryType, "Start");
        Assert.NotNull(entry);
        AppContext.SetData("ChargeController.Loader.Tests.booted", null);
        entry!.Invoke(null, null);
        Assert.Equal("Loader.Tests from bytes", AppContext.GetData("ChargeController.Loader.Tests.booted"));
        var saved = new SlotState();
        new SlotStateStore(_files).Load(saved);
        Assert.Equal(1, saved.TrialBoots); // counted and saved before the slot ran
    }

    [Fact]
    public void WithoutAKeyOrARecordTheFactoryPackageRunsUnsigned()
    {
        Install(SlotLayout.Factory, "1.2.0", signed: false);
        var boot = new SlotBoot(_files, 3);
        Assert.Equal(SlotLayout.Factory, boot.Choose());
        Assert.Equal("unknown-key", boot.Reason);
        Assert.NotNull(boot.Load(SlotLayout.Factory, EntryType, "Start"));
        _files.Put(UpdateKey.FileName, TestKeys.KeyFile(TestKeys.Operator));
        Assert.Equal(SlotLayout.Factory, boot.Choose()); // a key but no record yet: as flashed
        Assert.Null(boot.Reason);
    }

    [Fact]
    public void AnEntryThatIsNotThereIsSaidSo()
    {
        Install(0, "1.3.0");
        Provision(0);
        var boot = new SlotBoot(_files, 3);
        Assert.Equal(0, boot.Choose());
        Assert.Null(boot.Load(0, "ChargeController.App.Program", "Main"));
        Assert.Equal("no ChargeController.App.Program.Main in Loader.Tests.dll", boot.Detail);
    }

    [Fact]
    public void ASlotThatDoesNotLoadIsACrashLoopAtTheNextPowerUp()
    {
        Install(0, "1.3.0");
        Install(1, "1.4.0");
        Provision(1);
        var boot = new SlotBoot(_files, 3);
        Assert.Equal(1, boot.Choose());
        boot.LoadFailed();
        var next = new SlotBoot(_files, 3);
        Assert.Equal(0, next.Choose());
        Assert.Equal("crash-loop", next.Reason);
        Assert.Equal("crash-loop", next.State.LastRollbackReason);
        var saved = new SlotState();
        new SlotStateStore(_files).Load(saved);
        Assert.Equal(0, saved.ActiveSlot);
    }
}
