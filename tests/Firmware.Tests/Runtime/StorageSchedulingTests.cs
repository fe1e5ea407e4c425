using ChargeController.Firmware.Storage;
using ChargeController.Runtime;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// The storage thread's work per wake-up is bounded (docs/architecture.md, the budget): a bounded number of core events,
/// and the journal's compaction, which rewrites the whole file, only while the pile is idle, unless a record would not
/// fit under the ceiling without it.
/// </summary>
public class StorageSchedulingTests
{
    private const int Threshold = 8 * 1024;

    private static Journal Open(SimFileStore store)
    {
        var journal = new Journal(store, Threshold, 20);
        journal.Open();
        journal.StartBoot(1);
        return journal;
    }

    [Fact]
    public void ADeferredCompactionWaitsForIdleButNotForTheCeiling()
    {
        var journal = Open(new SimFileStore());
        journal.DeferCompaction = true;
        JournalFill.To(journal, Threshold + 2048);
        Assert.Equal(0, journal.Compactions);
        journal.CompactIfDue();
        Assert.Equal(1, journal.Compactions);
        journal.CompactIfDue(); // nothing changed since: nothing to do
        Assert.Equal(1, journal.Compactions);

        var full = Open(new SimFileStore());
        full.DeferCompaction = true;
        JournalFill.To(full, Journal.CeilingBytes - 20);
        Assert.Equal(0, full.Compactions);
        Assert.True(full.AppendConsole("login", null, 1_790_000_000, 0) || full.Full);
        Assert.Equal(1, full.Compactions); // the record would not fit without it
    }

    [Fact]
    public void TheJournalIsNotCompactedWhileChargingAndIsOnceThePileIsIdle()
    {
        var pile = new PileHarness().Charging();
        var journal = pile.Sim.LastBoot.Journal;
        var before = journal.Compactions;
        JournalFill.To(journal, BootSequenceThreshold + 2048); // past the mark while the session runs
        pile.RunTo(20_000);
        Assert.Equal(before, journal.Compactions);
        pile.At(20_000, "unplug").RunTo(30_000);
        Assert.Equal(before + 1, journal.Compactions);
    }

    [Fact]
    public void AWakeUpTakesAtMostItsShareOfTheRing()
    {
        var pile = new PileHarness();
        pile.Sim.StallStorageUntil(10_000);
        for (var i = 0; i < 40; i++)
            pile.At(100 + i * 10, i % 2 == 0 ? "limit 20A" : "limit 32A");
        var waiting = pile.Sim.Events.Count;
        Assert.True(waiting > 2 * PileRuntime.StorageEventsPerWake, $"{waiting} events waiting");
        pile.Sim.Runtime.Storage.RunOnce(pile.NowMs);
        Assert.Equal(waiting - PileRuntime.StorageEventsPerWake, pile.Sim.Events.Count);
    }

    private const int BootSequenceThreshold = Firmware.Supervision.BootSequence.JournalCompactAboveBytes;
}
