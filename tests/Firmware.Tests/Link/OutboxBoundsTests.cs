using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Link;

/// <summary>
/// The outbox is bounded (docs/mqtt-api.md, Delivery): beyond <see cref="Journal.OutboxBudgetBytes"/> of waiting platform
/// records compaction drops the oldest faults first, never a session's open or close, and counts what it dropped in a
/// persisted record.
/// </summary>
public class OutboxBoundsTests
{
    [Fact]
    public void AFullOutboxDropsTheOldestFaultsNeverSessionsAndCountsThem()
    {
        var store = new SimFileStore();
        var journal = new Journal(store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        journal.Open();
        journal.StartBoot(1);
        Assert.True(journal.AppendBoot(1, 0));
        long firstFault = 0, lastFault = 0;
        for (var s = 1; s <= 60; s++)
        {
            Assert.True(journal.AppendSessionOpen($"1-{s}", "CARD-0042", 0, s * 1000, 0, s * 60_000L));
            for (var f = 0; f < 20; f++)
            {
                Assert.True(journal.AppendFault(s % 5, f % 2 == 0, false, 1, 0));
                if (firstFault == 0)
                    firstFault = journal.LastSequence;
                lastFault = journal.LastSequence;
            }
            Assert.True(journal.AppendSessionClose($"1-{s}", 3, s * 1000 + 500, 0, 0, s * 60_000L + 30_000, "CARD-0042", s * 1000));
        }
        Assert.True(journal.Compactions > 0);
        Assert.True(journal.OutboxDropped > 0, "1200 fault changes and 60 sessions do not fit 32 KB");

        var records = JournalFile.Records(store);
        for (var s = 1; s <= 60; s++)
        {
            Assert.Single(records, r => r.Kind == JournalRecordKind.SessionOpen && r.SessionId == $"1-{s}");
            Assert.Single(records, r => r.Kind == JournalRecordKind.SessionClose && r.SessionId == $"1-{s}");
        }
        Assert.DoesNotContain(records, r => r.Sequence == firstFault);     // the oldest fault went first
        Assert.Contains(records, r => r.Sequence == lastFault);            // the newest stays
        Assert.Single(records, r => r.Kind == JournalRecordKind.Boot);
        Assert.Equal(journal.OutboxDropped, records.Last(r => r.Kind == JournalRecordKind.OutboxDropped).Wh);
        var waiting = records.Where(r => Journal.IsPlatformRecord(r.Kind)).ToList();
        Assert.Equal(waiting.Count, journal.OutboxPending);
        Assert.InRange(waiting.Sum(r => r.Length), 0, Journal.OutboxBudgetBytes + 2 * Journal.MaxRecordBytes * 10);

        // the count survives a reboot
        var reopened = new Journal(store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        reopened.Open();
        Assert.Equal(journal.OutboxDropped, reopened.OutboxDropped);
        Assert.Equal(journal.OutboxPending, reopened.OutboxPending);
    }

    [Fact]
    public void ANightOfFailedLoginsIsDroppedBeforeFaultsAndTheLatestConsoleRecordsStay()
    {
        var store = new SimFileStore();
        var journal = new Journal(store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        journal.Open();
        journal.StartBoot(1);
        Assert.True(journal.AppendBoot(1, 0));
        var faults = new List<long>();
        for (var f = 0; f < 20; f++)
        {
            Assert.True(journal.AppendFault(3, f % 2 == 0, false, 1, 0)); // all but the last droppable
            faults.Add(journal.LastSequence);
        }
        Assert.True(journal.AppendSessionOpen("1-1", "CARD-0042", 0, 1000, 0, 60_000));
        long firstLogin = 0;
        var logins = new List<long>();
        for (var n = 0; n < 1200; n++)
        {
            Assert.True(journal.AppendConsole("login", "wrong PIN (1 of 5 before a lock-out)", 0, n * 1000L));
            logins.Add(journal.LastSequence);
            if (firstLogin == 0)
                firstLogin = journal.LastSequence;
        }
        Assert.True(journal.OutboxDropped > 0, "1200 console records (~90 KB) do not fit 32 KB");

        var records = JournalFile.Records(store);
        foreach (var fault in faults)
            Assert.Contains(records, r => r.Sequence == fault);                   // consoles go before faults
        Assert.Single(records, r => r.Kind == JournalRecordKind.SessionOpen);
        Assert.DoesNotContain(records, r => r.Sequence == firstLogin);            // the oldest login went first
        foreach (var latest in logins.Skip(logins.Count - JournalSummary.KeptConsoleRecords))
            Assert.Contains(records, r => r.Sequence == latest);
        var waiting = records.Where(r => Journal.IsPlatformRecord(r.Kind)).ToList();
        Assert.Equal(waiting.Count, journal.OutboxPending);
        Assert.InRange(waiting.Sum(r => r.Length), 0, BootSequence.JournalCompactAboveBytes); // the budget after each compaction, plus what came since
    }

    [Fact]
    public void AcknowledgedRecordsLeaveAtCompactionAndTheCursorSurvivesAReboot()
    {
        var store = new SimFileStore();
        var journal = new Journal(store, int.MaxValue, 0);
        journal.Open();
        journal.StartBoot(1);
        journal.AppendBoot(1, 0);
        journal.Acknowledge(journal.LastSequence); // one record at a time, in order, as the outbox's slots come back
        journal.AppendSessionOpen("1-1", "A", 0, 1000, 0);
        journal.Acknowledge(journal.LastSequence);
        journal.AppendSessionClose("1-1", 3, 1100, 0, 0);
        var acked = journal.LastSequence;
        journal.AppendSessionOpen("1-2", "A", 0, 1200, 0);
        journal.Acknowledge(acked);
        Assert.Equal(1, journal.OutboxPending);
        Assert.True(journal.SaveOutboxCursor());
        journal.Compact();
        var records = JournalFile.Records(store);
        Assert.DoesNotContain(records, r => r.SessionId == "1-1");
        Assert.Contains(records, r => r.SessionId == "1-2");
        var reopened = new Journal(store, int.MaxValue, 0);
        reopened.Open();
        Assert.Equal(acked, reopened.OutboxCursor);
        Assert.Equal(1, reopened.OutboxPending);
    }
}
