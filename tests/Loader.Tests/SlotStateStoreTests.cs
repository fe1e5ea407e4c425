using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>The slot record through power cuts: after a cut at any byte of any save, a load gives the state of the last
/// save that completed (or none, before the first), never a mix and never an older one.</summary>
public class SlotStateStoreTests
{
    /// <summary>An update's saves: switch to slot 1 on trial, two boots counted, a rollback, a confirmation.</summary>
    private static SlotState[] Saves()
    {
        var states = new List<SlotState>();
        var s = new SlotState { ActiveSlot = 0, RunningVersion = 1_003_000, HighestVersion = 1_003_000 };
        states.Add(Copy(s));
        s.ActiveSlot = 1; s.Trial = true; s.PreviousVersion = 1_003_000; s.RunningVersion = 1_004_000;
        states.Add(Copy(s));
        s.TrialBoots = 1;
        states.Add(Copy(s));
        s.TrialBoots = 2; s.TrialFailure = UpdateReasons.TrialTimeout;
        states.Add(Copy(s));
        s.ActiveSlot = 0; s.Trial = false; s.TrialBoots = 0; s.TrialFailure = null; s.RunningVersion = 1_003_000;
        s.PreviousVersion = 1_004_000; s.LastRollbackReason = UpdateReasons.TrialTimeout;
        states.Add(Copy(s));
        s.LastRollbackReason = null; s.ActiveSlot = SlotLayout.Factory;
        states.Add(Copy(s));
        return states.ToArray();
    }

    private static SlotState Copy(SlotState s)
    {
        var copy = new SlotState();
        copy.CopyFrom(s);
        return copy;
    }

    private static string Text(SlotState s) =>
        $"{s.ActiveSlot} {s.Trial} {s.TrialBoots} {s.TrialFailure} {s.RunningVersion} {s.PreviousVersion} {s.HighestVersion} {s.LastRollbackReason}";

    [Fact]
    public void AFreshPileHasNoState()
    {
        var state = new SlotState();
        Assert.False(new SlotStateStore(new MemoryFiles()).Load(state));
        Assert.Equal(SlotLayout.Factory, state.ActiveSlot);
    }

    [Fact]
    public void EverySaveLoadsBackWhole()
    {
        var files = new MemoryFiles();
        var store = new SlotStateStore(files);
        foreach (var saved in Saves())
        {
            Assert.True(store.Save(saved));
            var loaded = new SlotState();
            Assert.True(new SlotStateStore(files).Load(loaded)); // a new store: as after a reboot
            Assert.Equal(Text(saved), Text(loaded));
        }
        Assert.Equal(SlotStateStore.RecordBytes, files.Length(SlotStateStore.FileA));
        Assert.Equal(SlotStateStore.RecordBytes, files.Length(SlotStateStore.FileB));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APowerCutAtEveryByteLeavesTheLastCompletedSave(bool truncates)
    {
        var saves = Saves();
        var total = saves.Length * SlotStateStore.RecordBytes;
        for (var cut = 0; cut <= total; cut++)
        {
            var files = new MemoryFiles { CutTruncates = truncates };
            files.CutPowerAfter(cut);
            var store = new SlotStateStore(files);
            var completed = 0;
            foreach (var saved in saves)
            {
                if (!store.Save(saved))
                    break;
                completed++;
            }
            Assert.Equal(Math.Min(saves.Length, cut / SlotStateStore.RecordBytes), completed);
            files.RestorePower();
            var loaded = new SlotState();
            var found = new SlotStateStore(files).Load(loaded);
            Assert.Equal(completed > 0, found);
            if (found)
                Assert.True(Text(saves[completed - 1]) == Text(loaded), $"cut after {cut} bytes: loaded {Text(loaded)}");
            // and the pile goes on saving from there: the next save is the one that loads
            var next = Copy(saves[^1]);
            next.HighestVersion = 2_000_000;
            Assert.True(new SlotStateStore(files).Save(next));
            Assert.True(new SlotStateStore(files).Load(loaded));
            Assert.Equal(Text(next), Text(loaded));
        }
    }

    [Fact]
    public void ACorruptedCopyIsPassedOverForTheOther()
    {
        var files = new MemoryFiles();
        var store = new SlotStateStore(files);
        var saves = Saves();
        store.Save(saves[0]);
        store.Save(saves[1]); // into B, the newer
        var b = files.Get(SlotStateStore.FileB);
        b[20] ^= 0x10;
        var loaded = new SlotState();
        Assert.True(store.Load(loaded));
        Assert.Equal(Text(saves[0]), Text(loaded));
        files.Remove(SlotStateStore.FileA);
        Assert.False(store.Load(new SlotState()));
    }

    [Fact]
    public void LongReasonsAreCutNotOverflowing()
    {
        var files = new MemoryFiles();
        var state = new SlotState { ActiveSlot = 1, LastRollbackReason = new string('r', 60), TrialFailure = "trial-timeout" };
        Assert.True(new SlotStateStore(files).Save(state));
        var loaded = new SlotState();
        Assert.True(new SlotStateStore(files).Load(loaded));
        Assert.Equal(new string('r', 24), loaded.LastRollbackReason);
        Assert.Equal("trial-timeout", loaded.TrialFailure);
    }
}
