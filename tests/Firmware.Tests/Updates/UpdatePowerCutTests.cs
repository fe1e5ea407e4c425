using System.Collections;
using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Tests.Link;
using Xunit;

namespace ChargeController.Tests.Updates;

/// <summary>
/// Power cut at every byte the update writes to flash (the staged files and its record), as the journal's tests cut it:
/// each run is the same run up to the cut; after the power returns the pile goes on (the platform sends the command again
/// when it never got an answer) and ends with the package staged whole and verified.
/// </summary>
public class UpdatePowerCutTests
{
    private const int FileBytes = 300;

    [Fact]
    public void ACutAtEveryByteOfStagingEndsVerified()
    {
        var cuts = UpdateWrites();
        Assert.True(cuts.Count > FileBytes, $"the update wrote {cuts.Count} bytes");
        var failures = new List<string>();
        foreach (var write in cuts)
        {
            using var rig = new UpdateRig(FileBytes, before: sim => sim.Store.CutPowerAtWrite(write));
            rig.Offer(1000);
            rig.Sim.AdvanceTo(60_000);
            Assert.False(rig.Sim.Powered, $"the cut at write {write} happened");
            LinkRun.Do(rig.Sim, rig.Sim.NowMs + 1000, "power restore");
            rig.Sim.AdvanceTo(rig.Sim.NowMs + 3000);
            var agent = rig.Sim.Runtime.Updates;
            if (agent.State == UpdateStates.Idle && agent.Outcome == UpdateStates.Idle)
                rig.Offer(rig.Sim.NowMs + 1000); // never answered: the platform's retry, same id
            rig.RunUntilSettled(rig.Sim.NowMs + 120_000);
            if (!rig.EventStates().Contains("verified") || !rig.Staged("App.pe").SequenceEqual(rig.FileBytes) ||
                !rig.Staged("manifest.json").SequenceEqual(rig.Manifest))
                failures.Add($"write {write}: {UpdateStates.Name(rig.Sim.Runtime.Updates.Shown)} {rig.Sim.Runtime.Updates.OutcomeReason}");
        }
        Assert.Empty(failures);
    }

    /// <summary>The numbers of the durable writes of a clean run that are the update's: its staged files and its record.</summary>
    private static List<long> UpdateWrites()
    {
        var log = new ArrayList();
        using var rig = new UpdateRig(FileBytes, before: sim => sim.Store.WriteLog = log);
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);
        Assert.Contains("verified", rig.EventStates());
        var writes = new List<long>();
        for (var i = 0; i < log.Count; i++)
        {
            var what = (string)log[i]!;
            if (what.Contains("slot0-") || what.Contains(UpdateRecord.FileName))
                writes.Add(i + 1);
        }
        return writes;
    }

    /// <summary>
    /// A cut at every byte of the switch and the trial's end (the slot record's copies, the update record): after the power
    /// returns the loader boots a slot that checks out, and the pile ends confirmed on the new version.
    /// </summary>
    [Fact]
    public void ACutAtEveryByteOfTheSwitchEndsOnAVerifiedVersion()
    {
        var log = new ArrayList();
        using (var clean = new UpdateRig(FileBytes, before: sim => sim.Store.WriteLog = log, config: UpdateInstallTests.ShortTrial()))
        {
            clean.Offer(1000);
            clean.RunUntilSettled(60_000);
            clean.Sim.AdvanceTo(clean.Sim.NowMs + 60_000);
            Assert.Contains("confirmed", clean.EventStates());
        }
        var staged = 0;
        var cuts = new List<long>();
        for (var i = 0; i < log.Count; i++)
        {
            var what = (string)log[i]!;
            if (what.Contains("slot0-App.pe"))
                staged = i;
            else if (staged > 0 && (what.Contains("slots-") || what.Contains(UpdateRecord.FileName)))
                cuts.Add(i + 1);
        }
        Assert.True(cuts.Count > 100, $"the switch wrote {cuts.Count} bytes");
        var failures = new List<string>();
        foreach (var write in cuts)
        {
            using var rig = new UpdateRig(FileBytes, before: sim => sim.Store.CutPowerAtWrite(write), config: UpdateInstallTests.ShortTrial());
            rig.Offer(1000);
            rig.Sim.AdvanceTo(120_000);
            Assert.False(rig.Sim.Powered, $"the cut at write {write} happened");
            LinkRun.Do(rig.Sim, rig.Sim.NowMs + 1000, "power restore");
            Assert.True(rig.Sim.Loader.Slot == 0 || rig.Sim.Loader.Slot == SlotLayout.Factory);
            rig.Sim.AdvanceTo(rig.Sim.NowMs + 120_000);
            var slots = rig.Sim.Runtime.Updates.Slots;
            if (rig.Sim.Loader.Slot != 0 || slots.Trial || slots.RunningVersion != UpdateVersion.Parse("1.4.0"))
                failures.Add($"write {write}: slot {rig.Sim.Loader.Slot}, trial {slots.Trial}, {UpdateStates.Name(rig.Sim.Runtime.Updates.Shown)}");
        }
        Assert.Empty(failures);
    }
}
