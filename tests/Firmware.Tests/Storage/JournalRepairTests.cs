using ChargeController.Firmware.Storage;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>
/// A write whose flush failed leaves its bytes in the file, not durable. The next append repairs the file first: the
/// record numbers then go on from the last record really in it, and a retried record that the repair already kept is
/// not written twice. The platform de-duplicates on (boot, seq): two records with one number would lose a real event.
/// </summary>
public class JournalRepairTests
{
    private static Journal Fresh(SimFileStore store)
    {
        var journal = new Journal(store, 48 * 1024, 20);
        journal.Open();
        journal.StartBoot(1);
        return journal;
    }

    [Fact]
    public void ARetriedRecordWhoseFlushFailedIsOnFileOnceWithItsOwnNumber()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        Assert.True(journal.AppendBoot(1, 0));
        Assert.True(journal.AppendSessionOpen("1-1", "A", 0, 1000, 0));
        store.RefuseFlushes = 1;
        Assert.False(journal.AppendSessionClose("1-1", 3, 1100, 0, 0));
        Assert.True(journal.AppendSessionClose("1-1", 3, 1100, 0, 0)); // the recorder's retry
        Assert.True(journal.AppendFault(2, true, false, 0, 0));

        var records = JournalFile.Records(store);
        Assert.Equal(records.Length, records.Select(r => r.Sequence).Distinct().Count());
        Assert.Single(records, r => r.Kind == JournalRecordKind.SessionClose);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, records.Select(r => r.Sequence & 0xFFFFFFFF));
        Assert.Equal(records[^1].Sequence, journal.LastSequence);
    }

    [Fact]
    public void ARecordAfterAnotherWhoseFlushFailedTakesTheNextNumber()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        Assert.True(journal.AppendBoot(1, 0));
        store.RefuseFlushes = 1;
        Assert.False(journal.AppendFault(2, true, false, 0, 0)); // not retried: the record stays in the file all the same
        Assert.True(journal.AppendSessionOpen("1-1", "A", 0, 1000, 0));

        var records = JournalFile.Records(store);
        Assert.Equal(new[] { JournalRecordKind.Boot, JournalRecordKind.Fault, JournalRecordKind.SessionOpen }, records.Select(r => r.Kind));
        Assert.Equal(new long[] { 1, 2, 3 }, records.Select(r => r.Sequence & 0xFFFFFFFF));
        Assert.Equal(store.DurableContent(Journal.FileName).Length, journal.Length);
    }
}
