using ChargeController.Firmware.Storage;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>
/// The journal never grows past its ceiling, compacts before it gets there, never compacts the same records twice for
/// nothing, and leaves the partition room for a compaction's copy and for every other file.
/// </summary>
public class JournalCeilingTests
{
    private const int Threshold = 48 * 1024;
    /// <summary>A boot record: header, boot number, reason, uptime, time, CRC.</summary>
    private const int BootRecordBytes = 36;

    private static Journal Open(SimFileStore store, int boot)
    {
        var journal = new Journal(store, Threshold, 20);
        journal.Open();
        journal.StartBoot(boot);
        return journal;
    }

    [Theory]
    [InlineData(0)]  // the boot record fills the journal to its ceiling exactly
    [InlineData(1)]  // one byte short: the first record that does not fit
    public void TheLastRecordThatFitsReachesTheCeilingExactlyAndTheFirstThatDoesNotWritesNothing(int shortBytes)
    {
        var store = new SimFileStore();
        JournalFill.To(Open(store, 1), Journal.CeilingBytes - BootRecordBytes + shortBytes);
        var journal = Open(store, 2);
        var before = store.DurableContent(Journal.FileName);
        var fits = shortBytes == 0;

        Assert.Equal(fits, journal.AppendBoot(2, 1));
        Assert.Equal(!fits, journal.Full);
        Assert.Equal(fits ? Journal.CeilingBytes : before.Length, store.Length(Journal.FileName));
        if (!fits)
            Assert.Equal(before, store.DurableContent(Journal.FileName)); // compacted once, nothing it may drop: the same bytes
        Assert.False(store.Exists(Journal.NewFileName));

        // a session's open never fits now; once a compaction has found nothing to drop, and nothing has changed since,
        // the next record fails at once, without touching the flash
        Assert.False(journal.AppendSessionOpen("2-1", "A", 0, 1000, 0));
        var writes = store.Writes;
        var compactions = journal.Compactions;
        Assert.False(journal.AppendSessionOpen("2-1", "A", 0, 1000, 0));
        Assert.True(journal.Full);
        Assert.Equal((writes, compactions), (store.Writes, journal.Compactions));
    }

    [Fact]
    public void AFullJournalMakesRoomOnceTheBrokerAcknowledgesAndTheRecordFollowsInOrder()
    {
        var store = new SimFileStore();
        JournalFill.To(Open(store, 1), Journal.CeilingBytes);
        var journal = Open(store, 2);
        Assert.False(journal.AppendSessionOpen("2-1", "A", 0, 1000, 0));

        foreach (var record in JournalFile.Records(store).Take(20)) // the broker acknowledges the first ten sessions
            journal.Acknowledge(record.Sequence);
        Assert.True(journal.AppendSessionOpen("2-1", "A", 0, 1000, 0));
        Assert.False(journal.Full);
        var records = JournalFile.Records(store);
        Assert.Equal("2-1", records[^1].SessionId);
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));
        Assert.InRange(store.Length(Journal.FileName), 1, Journal.CeilingBytes);
        Assert.DoesNotContain(records, r => r.SessionId == "1-1"); // acknowledged and not among the 20 newest closed
    }

    [Fact]
    public void PastTheThresholdWithNothingToDropItCompactsOncePerStepNotAtEveryRecord()
    {
        var store = new SimFileStore();
        var journal = Open(store, 1);
        JournalFill.To(journal, Threshold);
        for (var s = 1; journal.Length < Threshold + 3 * Journal.CompactionStepBytes; s++)
            Assert.True(journal.AppendSessionOpen($"1-x{s}", "A", 0, s, 0));
        Assert.InRange(journal.Compactions, 3, 4); // ~200 records appended past the threshold
    }

    [Fact]
    public void OpeningDeletesTheCopyACompactionCutByPowerLeftAndTheFirstRecordCompacts()
    {
        var store = new SimFileStore();
        var older = new Journal(store, int.MaxValue, 20, int.MaxValue); // an older firmware: no threshold, no ceiling
        older.Open();
        older.StartBoot(1);
        JournalFill.To(older, 200 * 1024);
        older.Acknowledge(older.LastSequence);
        Assert.True(older.SaveOutboxCursor());
        var left = store.FreeBlocks - 1;
        Assert.True(store.Append(Journal.NewFileName, new byte[left * SimFileStore.BlockBytes], 0, left * SimFileStore.BlockBytes));
        Assert.True(store.Flush(Journal.NewFileName));

        var journal = new Journal(store, Threshold, 20);
        journal.Open();
        Assert.False(store.Exists(Journal.NewFileName));
        journal.StartBoot(2);
        Assert.True(journal.AppendBoot(2, 1));
        Assert.Equal(1, journal.Compactions);
        Assert.InRange(store.Length(Journal.FileName), 1, 8 * 1024); // 20 closed sessions, console records, the boot
    }

    [Fact]
    public void ACompactionWhoseCopyDoesNotFitDeletesItAndLeavesTheJournalAsItWas()
    {
        var store = new SimFileStore();
        var journal = Open(store, 1);
        JournalFill.To(journal, Threshold); // nothing acknowledged: a compaction keeps all of it
        var spare = store.FreeBlocks - 2;
        Assert.True(store.Replace("ca.pem", new byte[spare * SimFileStore.BlockBytes], 0, spare * SimFileStore.BlockBytes));
        var before = store.DurableContent(Journal.FileName);

        Assert.True(journal.AppendSessionOpen("1-y", "A", 0, 1, 0)); // past the threshold: compaction first, which fails
        Assert.Equal(1, journal.Compactions);
        Assert.False(store.Exists(Journal.NewFileName));
        Assert.Equal(before, store.DurableContent(Journal.FileName)[..before.Length]);
        Assert.Equal("1-y", JournalFile.Records(store)[^1].SessionId);
    }

    /// <summary>
    /// The partition's budget: with every other file at its largest (both configuration copies, the boot state, the
    /// console access record, the three tables, Wi-Fi provisioning, 12 KB of certificates) and a replace's temporary
    /// block, a journal at its ceiling still leaves room for the copy a compaction writes beside it.
    /// </summary>
    [Fact]
    public void AJournalAtItsCeilingLeavesRoomForItsCompactionAndEveryOtherFile()
    {
        var store = new SimFileStore();
        foreach (var (name, bytes) in new[]
                 {
                     ("config-a.txt", 4096), ("config-b.txt", 4096), ("boot.bin", 17), ("console.bin", 128),
                     ("tariff.bin", Firmware.Commands.Tariff.StoredBytes), ("schedule.bin", Firmware.Commands.OpeningHours.StoredBytes),
                     ("fleet.bin", Firmware.Commands.FleetList.StoredBytes), ("provision.txt", Firmware.Network.Provisioning.MaxFileBytes),
                     ("ca.pem", 4096), ("client.pem", 4096), ("client.key", 4096), ("boot.bin.tmp", 17),
                     (Journal.DamageFileName, Journal.DamageKeepBytes),
                 })
            Assert.True(store.Replace(name, new byte[bytes], 0, bytes));
        var journal = Open(store, 1);
        JournalFill.To(journal, Journal.CeilingBytes);
        Assert.True(store.FreeBlocks >= Journal.CeilingBytes / SimFileStore.BlockBytes,
            $"{store.FreeBlocks} blocks free: no room for the compaction's copy");
        journal.Compact();
        Assert.False(store.Exists(Journal.NewFileName));
        Assert.Equal(Journal.CeilingBytes, store.Length(Journal.FileName));
    }

    /// <summary>
    /// A pile without a platform link has no broker to acknowledge its sessions: a thousand of them, never acknowledged,
    /// never fill the journal (with the outbox kept they fill its ceiling after about 500), and compaction keeps it near
    /// its threshold.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithoutAPlatformUnacknowledgedSessionsNeverFillTheJournal(bool keepsOutbox)
    {
        var store = new SimFileStore();
        var journal = new Journal(store, Threshold, 20) { KeepsOutbox = keepsOutbox };
        journal.Open();
        journal.StartBoot(1);
        var written = 0;
        for (var n = 1; n <= 1000; n++, written++)
        {
            var id = "1-" + n;
            if (!journal.AppendSessionOpen(id, "fleet-0001", 1_790_000_000 + n, n * 1000L, 0, n) ||
                !journal.AppendSessionClose(id, 3, n * 1000L + 700, 0, 1_790_000_600 + n, n, "fleet-0001", n * 1000L))
                break;
        }
        if (keepsOutbox)
        {
            Assert.InRange(written, 400, 600);
            Assert.True(journal.Full);
            return;
        }
        Assert.Equal(1000, written);
        Assert.False(journal.Full);
        Assert.Equal(0, journal.OutboxPending);
        Assert.InRange(journal.Length, 1, Threshold + Journal.MaxRecordBytes);
    }
}
