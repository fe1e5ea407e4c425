using ChargeController.Firmware.Storage;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>
/// Flash damage in the middle of the journal: a bad byte spoils the record it falls in, and only that one. Reading goes on
/// at the next record whose length, CRC, kind and fields check out; the damaged bytes stay where they are until the next
/// rewrite of the file (a compaction, or the repair of a torn tail), which moves them to the side file
/// (<see cref="Journal.DamageFileName"/>, at most <see cref="Journal.DamageKeepBytes"/>) before the journal drops them.
/// </summary>
public class JournalDamageTests
{
    private static Journal Fresh(SimFileStore store, int boot, int compactAbove = 48 * 1024)
    {
        var journal = new Journal(store, compactAbove, 20);
        journal.Open();
        journal.StartBoot(boot);
        return journal;
    }

    /// <summary>A boot and eight sessions (open, checkpoint, close) of boot 1, the broker acknowledging none.</summary>
    private static SimFileStore EightSessions(bool checkpoints = true)
    {
        var store = new SimFileStore();
        var journal = Fresh(store, 1);
        Assert.True(journal.AppendBoot(1, 0));
        for (var s = 1; s <= 8; s++)
        {
            Assert.True(journal.AppendSessionOpen($"1-{s}", "A", 0, s * 1000, 0));
            if (checkpoints)
                Assert.True(journal.AppendCheckpoint($"1-{s}", s * 1000 + 100, 60));
            Assert.True(journal.AppendSessionClose($"1-{s}", 3, s * 1000 + 500, 0, 0));
        }
        return store;
    }

    /// <summary>Changes the journal's middle byte (<see cref="SimFileStore.DamageMiddle"/>).</summary>
    /// <returns>the record it falls in, as it was read before, and that record's bytes as the damage left them</returns>
    private static (JournalRecord Hit, byte[] Damaged) DamageTheMiddle(SimFileStore store)
    {
        var middle = store.DurableContent(Journal.FileName).Length / 2;
        var hit = JournalFile.Records(store).Single(r => r.Offset <= middle && middle < r.Offset + r.Length);
        store.DamageMiddle(Journal.FileName);
        return (hit, store.DurableContent(Journal.FileName).AsSpan(hit.Offset, hit.Length).ToArray());
    }

    [Fact]
    public void ABadByteLosesOnlyTheRecordItFallsIn()
    {
        var store = EightSessions();
        var before = JournalFile.Records(store);
        var (hit, _) = DamageTheMiddle(store);

        var after = JournalFile.Records(store, out var validLength, out var torn);
        Assert.Equal(before.Where(r => r.Sequence != hit.Sequence).Select(r => r.Sequence), after.Select(r => r.Sequence));
        Assert.Equal(store.DurableContent(Journal.FileName).Length, validLength);
        Assert.False(torn);
    }

    [Fact]
    public void TheNextBootSeesTheSessionsAfterTheDamageAndCountsIt()
    {
        var store = EightSessions();
        var (hit, _) = DamageTheMiddle(store);

        var journal = Fresh(store, 2);
        Assert.Equal(1, journal.DamageFound);
        Assert.Equal(hit.Length, journal.DamagedBytes);
        var closeLost = hit.Kind == JournalRecordKind.SessionClose;
        Assert.Equal(closeLost ? 7 : 8, journal.Summary.ClosedSessions); // 1-8, after the damage, among them
        Assert.Equal(closeLost ? 1 : 0, journal.Summary.OpenSessions);
        Assert.Equal(17 - (Journal.IsPlatformRecord(hit.Kind) ? 1 : 0), journal.OutboxPending); // all of the run but the damaged one
    }

    [Fact]
    public void TheNextAppendKeepsTheRecordsAfterTheDamageAndTheDamagedBytes()
    {
        var store = EightSessions();
        var before = JournalFile.Records(store);
        var (hit, damaged) = DamageTheMiddle(store);

        var journal = Fresh(store, 2);
        Assert.True(journal.AppendBoot(2, 1));
        var after = JournalFile.Records(store);
        Assert.Equal(before.Where(r => r.Sequence != hit.Sequence).Select(r => r.Sequence).Append(2L << 32 | 1), after.Select(r => r.Sequence));
        Assert.Equal(damaged, store.DurableContent(Journal.FileName).AsSpan(hit.Offset, hit.Length).ToArray());
        Assert.False(store.Exists(Journal.DamageFileName)); // left in place: no rewrite for it
    }

    [Fact]
    public void ACompactionMovesTheDamagedBytesToTheSideFile()
    {
        var store = EightSessions();
        var (hit, damaged) = DamageTheMiddle(store);

        var journal = Fresh(store, 2);
        journal.Compact();
        Assert.Equal(damaged, store.DurableContent(Journal.DamageFileName));
        JournalFile.Records(store, out var validLength, out _);
        Assert.Equal(store.DurableContent(Journal.FileName).Length, validLength);
        Assert.Equal(0, journal.DamagedBytes); // the journal itself is clean again
        Assert.Equal(1, journal.DamageFound); // and the damage was found once

        journal.Compact(); // nothing to move a second time
        Assert.Equal(hit.Length, store.DurableContent(Journal.DamageFileName).Length);
    }

    [Fact]
    public void TheRepairOfATornTailMovesTheDamagedBytesToTheSideFile()
    {
        var store = EightSessions();
        var (hit, damaged) = DamageTheMiddle(store);
        store.CorruptTail(Journal.FileName, 7);

        var journal = Fresh(store, 2);
        Assert.True(journal.AppendBoot(2, 1));
        Assert.Equal(damaged, store.DurableContent(Journal.DamageFileName));
        Assert.Equal(8 * 3 + 1 - 1 + 1, JournalFile.Records(store).Length);
    }

    [Fact]
    public void ACompactionThatFailsKeepsTheDamagedBytesInPlaceAndTheNextMovesThemOnce()
    {
        var store = EightSessions(checkpoints: false); // every record a platform record the broker has not acknowledged
        var (hit, _) = DamageTheMiddle(store);
        var content = store.DurableContent(Journal.FileName);
        // a ceiling the copy passes after the damage: the compaction fails, as when the outbox fills the journal
        var journal = new Journal(store, 48 * 1024, 1, content.Length * 3 / 4);
        journal.Open();
        journal.StartBoot(2);

        journal.Compact();
        Assert.Equal(content, store.DurableContent(Journal.FileName));
        Assert.Equal(hit.Length, store.DurableContent(Journal.DamageFileName).Length);
        Assert.Equal(hit.Length, journal.DamagedBytes);

        journal.Acknowledge(1L << 32 | 17); // the broker has them all: the next compaction keeps only the newest session
        journal.Compact();
        Assert.True(store.DurableContent(Journal.FileName).Length < content.Length / 2);
        Assert.Equal(hit.Length, store.DurableContent(Journal.DamageFileName).Length);
        Assert.Equal(0, journal.DamagedBytes);
    }

    [Fact]
    public void TheSideFileKeepsAtMostOneBlock()
    {
        var store = new SimFileStore();
        var journal = Fresh(store, 1);
        for (var s = 1; s <= 201; s++)
            Assert.True(journal.AppendConsole(new string('x', 40), null, 0, s));
        var records = JournalFile.Records(store);
        var content = store.DurableContent(Journal.FileName);
        foreach (var record in records.Where((_, i) => i % 2 == 1))
            content[record.Offset + 20]++; // every other record damaged, not the last: 100 x 74 bytes
        var damaged = new SimFileStore();
        damaged.Append(Journal.FileName, content, 0, content.Length);
        damaged.Flush(Journal.FileName);

        var reopened = Fresh(damaged, 2);
        Assert.Equal(100 * 74, reopened.DamagedBytes);
        reopened.Compact();
        var kept = damaged.DurableContent(Journal.DamageFileName);
        Assert.Equal(Journal.DamageKeepBytes, kept.Length);
        Assert.Equal(content.AsSpan(records[1].Offset, 74).ToArray(), kept.AsSpan(0, 74).ToArray()); // the first damage first
        Assert.Equal(101, JournalFile.Records(damaged).Length);
    }
}
