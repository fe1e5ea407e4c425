using ChargeController.Firmware.Storage;
using ChargeController.Loader;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>The loader's slot record kept by the firmware on the pile's (simulated) flash, cut at every durable write.</summary>
public class LoaderFilesTests
{
    private static SlotState State(int trialBoots) => new() { ActiveSlot = 1, Trial = true, TrialBoots = trialBoots, RunningVersion = 1_004_000, HighestVersion = 1_003_000 };

    [Fact]
    public void TheSlotRecordSurvivesAPowerCutAtEveryWrite()
    {
        const int saves = 3;
        for (long cut = 1; ; cut++)
        {
            var flash = new SimFileStore();
            flash.CutPowerAtWrite(cut);
            var store = new SlotStateStore(new LoaderFiles(flash));
            var completed = 0;
            while (completed < saves && store.Save(State(completed)))
                completed++;
            flash.RestorePower();
            var loaded = new SlotState();
            var found = new SlotStateStore(new LoaderFiles(flash)).Load(loaded);
            Assert.Equal(completed > 0, found);
            if (found)
                Assert.Equal(completed - 1, loaded.TrialBoots);
            if (completed == saves)
                break; // the cut came after the last write
        }
    }

    [Fact]
    public void AMissingFileHasNoLength()
    {
        var files = new LoaderFiles(new SimFileStore());
        Assert.Equal(-1, files.Length("slot0-manifest.json"));
        Assert.True(files.Write("slot0-manifest.json", new byte[] { 1, 2 }, 0, 2));
        Assert.Equal(2, files.Length("slot0-manifest.json"));
    }
}
