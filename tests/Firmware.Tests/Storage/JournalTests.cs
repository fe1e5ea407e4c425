using ChargeController.Firmware.Storage;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

public class JournalTests
{
    private static Journal Fresh(SimFileStore store, int boot = 1, int compactAbove = 48 * 1024, int keepClosed = 20)
    {
        var journal = new Journal(store, compactAbove, keepClosed);
        journal.Open();
        journal.StartBoot(boot);
        return journal;
    }

    private static JournalRecord[] Read(SimFileStore store) => JournalFile.Records(store);

    [Fact]
    public void EveryKindRoundTrips()
    {
        var store = new SimFileStore();
        var journal = Fresh(store, boot: 7);
        Assert.True(journal.AppendBoot(7, 1));
        Assert.True(journal.AppendSessionOpen("7-1", "卡-0042", 1_790_000_000, 1_234_567, 1));
        Assert.True(journal.AppendCheckpoint("7-1", 1_234_667, 61));
        Assert.True(journal.AppendSessionClose("7-1", 3, 1_234_700, 4, 1_790_000_120));
        Assert.True(journal.AppendFault(0, true, true, 3, 1_790_000_121));
        var records = Read(store);
        Assert.Equal(new[] { JournalRecordKind.Boot, JournalRecordKind.SessionOpen, JournalRecordKind.SessionCheckpoint,
            JournalRecordKind.SessionClose, JournalRecordKind.Fault }, records.Select(r => r.Kind));
        Assert.Equal(new long[] { 7L << 32 | 1, 7L << 32 | 2, 7L << 32 | 3, 7L << 32 | 4, 7L << 32 | 5 }, records.Select(r => r.Sequence));
        Assert.Equal(("卡-0042", 1_790_000_000L, 1_234_567L, 1), (records[1].IdTag, records[1].UnixS, records[1].Wh, records[1].Code));
        Assert.Equal((1_234_667L, 61), (records[2].Wh, records[2].Number));
        Assert.Equal((3, 1_234_700L, 4), (records[3].Code, records[3].Wh, records[3].Number));
        Assert.Equal((0, true, true, 3), (records[4].Code, records[4].Active, records[4].Latched, records[4].Number));
    }

    /// <summary>
    /// A close's solar share follows its bands (a count of 0 without a tariff): closes written before either was kept
    /// read as none, and a reader that knows bands only (an older firmware after a rollback) skips the count of 0.
    /// </summary>
    [Fact]
    public void ASessionClosesBandsAndSolarShareReadBackInEveryCombination()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        journal.AppendSessionClose("1-1", 3, 2000, 0, 0, 10, "", 1000);
        journal.AppendSessionClose("1-2", 3, 3000, 0, 0, 20, "", 2000, new[] { 400, 600, 0, 0 });
        journal.AppendSessionClose("1-3", 3, 4000, 0, 0, 30, "", 3000, null, 750);
        journal.AppendSessionClose("1-4", 3, 5000, 0, 0, 40, "", 4000, new[] { 0, 0, 1000, 0 }, 1000);
        var reader = new JournalReader(store, Journal.FileName);
        reader.Rewind();
        var read = new List<(int Bands, long Band2Wh, int SolarWh)>();
        while (reader.Next())
            if (reader.Kind == JournalRecordKind.SessionClose)
                read.Add((reader.BandCount, reader.BandCount > 0 ? reader.BandWh(2) : -1, reader.SolarWh));
        Assert.Equal(new[] { (0, -1L, -1), (4, 0L, -1), (0, -1L, 750), (4, 1000L, 1000) }, read);
    }

    [Fact]
    public void ATornLastRecordIsDroppedAtEveryByteAndNothingEarlierIsLost()
    {
        var reference = new SimFileStore();
        var journal = Fresh(reference);
        journal.AppendBoot(1, 0);
        journal.AppendSessionOpen("1-1", "A", 0, 1000, 0);
        var before = reference.DurableContent(Journal.FileName).Length;
        journal.AppendSessionClose("1-1", 3, 1100, 0, 0);
        var full = reference.DurableContent(Journal.FileName);
        for (var cut = before; cut < full.Length; cut++)
        {
            var store = new SimFileStore();
            store.Append(Journal.FileName, full, 0, cut);
            store.Flush(Journal.FileName);
            var records = JournalFile.Records(store, out var valid, out var torn);
            Assert.Equal(2, records.Length);
            Assert.Equal(before, valid);
            Assert.Equal(cut > before, torn);
        }
    }

    [Fact]
    public void AFlippedBitIsNeverBelieved()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        journal.AppendSessionOpen("1-1", "A", 0, 1000, 0);
        var content = store.DurableContent(Journal.FileName);
        for (var bit = 0; bit < content.Length * 8; bit++)
        {
            var damaged = (byte[])content.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var copy = new SimFileStore();
            copy.Append(Journal.FileName, damaged, 0, damaged.Length);
            copy.Flush(Journal.FileName);
            Assert.Empty(Read(copy));
        }
    }

    [Fact]
    public void GarbageAfterTheLastRecordIsRepairedBeforeTheNextAppend()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        journal.AppendSessionOpen("1-1", "A", 0, 1000, 0);
        store.CorruptTail(Journal.FileName, 7);
        journal.AppendSessionClose("1-1", 3, 1100, 0, 0);
        Assert.Equal(new[] { JournalRecordKind.SessionOpen, JournalRecordKind.SessionClose }, Read(store).Select(r => r.Kind));
    }

    [Fact]
    public void OpeningDropsATornTailSoLaterRecordsFollowGoodOnes()
    {
        var store = new SimFileStore();
        Fresh(store).AppendSessionOpen("1-1", "A", 0, 1000, 0);
        store.CorruptTail(Journal.FileName, 5);
        var journal = Fresh(store, boot: 2);
        journal.AppendBoot(2, 1);
        Assert.Equal(new[] { JournalRecordKind.SessionOpen, JournalRecordKind.Boot }, Read(store).Select(r => r.Kind));
    }

    [Fact]
    public void CompactionKeepsWhatMattersAndStaysBounded()
    {
        var store = new SimFileStore();
        var journal = Fresh(store, compactAbove: 4096, keepClosed: 3);
        journal.AppendBoot(1, 0);
        journal.AppendFault(0, true, false, 1, 0);
        journal.AppendFault(0, false, false, 1, 0);
        for (var s = 1; s <= 30; s++)
        {
            journal.AppendSessionOpen($"1-{s}", "A", 0, s * 1000, 0);
            for (var c = 0; c < 3; c++)
                journal.AppendCheckpoint($"1-{s}", s * 1000 + c * 100, c);
            if (s < 30)
                journal.AppendSessionClose($"1-{s}", 3, s * 1000 + 500, 0, 0);
            journal.Acknowledge(journal.LastSequence); // the broker has them: compaction may let go
        }
        Assert.True(journal.Compactions > 0);
        Assert.True(store.DurableContent(Journal.FileName).Length <= 4096 + Journal.MaxRecordBytes);
        var records = Read(store);
        var sessions = records.Where(r => r.SessionId != null).Select(r => r.SessionId).Distinct().ToList();
        Assert.Contains("1-30", sessions);                     // the open session
        Assert.Contains("1-29", sessions);                     // the newest closed ones
        Assert.DoesNotContain("1-1", sessions);
        Assert.Single(records, r => r.Kind == JournalRecordKind.Fault && !r.Active);  // each fault's last state
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));
        var open = records.Where(r => r.SessionId == "1-30").ToList();
        Assert.Equal(JournalRecordKind.SessionOpen, open[0].Kind);
        Assert.Equal(30_200, open.Last().Wh);                  // its last checkpoint survives
    }

    [Fact]
    public void CompactionKeepsTheNewestClosedSessionsWholeAndTheOpenOne()
    {
        var store = new SimFileStore();
        var journal = Fresh(store, compactAbove: int.MaxValue, keepClosed: 3);
        journal.AppendBoot(1, 0);
        for (var s = 1; s <= 10; s++)
        {
            journal.AppendSessionOpen($"1-{s}", "A", 0, s * 1000, 0);
            journal.AppendCheckpoint($"1-{s}", s * 1000 + 100, 60);
            journal.AppendCheckpoint($"1-{s}", s * 1000 + 200, 120);
            if (s != 5)
                journal.AppendSessionClose($"1-{s}", 3, s * 1000 + 500, 0, 0);
        }
        journal.AppendBoot(2, 0);
        journal.Acknowledge(journal.LastSequence);
        journal.Compact();
        var records = Read(store);
        Assert.Equal(new[] { "1-5", "1-8", "1-9", "1-10" }, records.Where(r => r.SessionId != null).Select(r => r.SessionId).Distinct());
        foreach (var id in new[] { "1-8", "1-9", "1-10" })
            Assert.Equal(new[] { JournalRecordKind.SessionOpen, JournalRecordKind.SessionCheckpoint, JournalRecordKind.SessionClose },
                records.Where(r => r.SessionId == id).Select(r => r.Kind));
        Assert.Equal(5200, records.Single(r => r.SessionId == "1-5" && r.Kind == JournalRecordKind.SessionCheckpoint).Wh);
        Assert.Equal(2, records.Single(r => r.Kind == JournalRecordKind.Boot).Number);
    }

    [Fact]
    public void CompactionIsPowerSafe()
    {
        var reference = new SimFileStore();
        var full = Fresh(reference, compactAbove: 1024);
        var writesBefore = 0L;
        for (var i = 0; full.Compactions == 0; i++)
        {
            writesBefore = reference.Writes;
            full.AppendSessionOpen($"1-{i}", "A", 0, i, 0);
        }
        for (var cut = writesBefore + 1; cut <= reference.Writes; cut++)
        {
            var store = new SimFileStore();
            var journal = Fresh(store, compactAbove: 1024);
            store.CutPowerAtWrite(cut);
            for (var i = 0; !store.PoweredOff && journal.Compactions == 0; i++)
                journal.AppendSessionOpen($"1-{i}", "A", 0, i, 0);
            store.RestorePower();
            var records = Read(store);
            Assert.NotEmpty(records);
            Assert.Equal(records.Length, records.Select(r => r.SessionId).Distinct().Count());
        }
    }
}
