using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Sessions;

/// <summary>The console's session history: the last ended sessions, read back from the journal at boot, in a fixed ring.</summary>
public class SessionLogTests
{
    private const long StartUnixS = 1_795_860_000;

    /// <summary>Boot <paramref name="boot"/> records <paramref name="sessions"/> closed sessions of a minute and 100 Wh each.</summary>
    private static void RecordSessions(Journal journal, int boot, int sessions)
    {
        journal.StartBoot(boot);
        Assert.True(journal.AppendBoot(boot, (int)BootReason.PowerOn));
        for (var n = 1; n <= sessions; n++)
            RecordSession(journal, boot, n);
    }

    private static void RecordSession(Journal journal, int boot, int n)
    {
        var id = $"{boot}-{n}";
        var startMs = n * 100_000L;
        Assert.True(journal.AppendSessionOpen(id, "tag-" + n, StartUnixS + n * 100, n * 1000L, 0, startMs));
        Assert.True(journal.AppendSessionClose(id, (int)StopReason.EVDisconnected, n * 1000L + 100, 0, StartUnixS + n * 100 + 60,
            startMs + 60_500, "tag-" + n, n * 1000L));
        journal.Acknowledge(journal.LastSequence); // delivered: compaction may let go of them
        Assert.True(journal.SaveOutboxCursor());
    }

    private static Journal Fresh(SimFileStore store)
    {
        var journal = new Journal(store, int.MaxValue, BootSequence.JournalKeepClosedSessions);
        journal.Open();
        return journal;
    }

    private static string[] Ids(SessionLog log) => Enumerable.Range(0, log.Count).Select(ago => log.Ended(ago).Id).ToArray();

    [Fact]
    public void TheBootReadsTheLastClosedSessionsNewestFirst()
    {
        var store = new SimFileStore();
        RecordSessions(Fresh(store), 1, 25);

        var log = BootSequence.Run(store, new PileConfig()).SessionLog;

        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(n => $"1-{n}"), Ids(log));
        var latest = log.Ended(0);
        Assert.Equal(("tag-25", StartUnixS + 2500, 60L, 100L, StopReason.EVDisconnected), (latest.IdTag, latest.StartUnixS, latest.DurationS(0),
            latest.EnergyWh, latest.Reason));
        Assert.False(latest.Offline || latest.Unmetered);
    }

    [Fact]
    public void ABootBeforeAnySessionHasAnEmptyLog()
    {
        Assert.Equal(0, BootSequence.Run(new SimFileStore(), new PileConfig()).SessionLog.Count);
    }

    [Fact]
    public void AfterCompactionTheLastSessionsAreStillThere()
    {
        var store = new SimFileStore();
        var journal = new Journal(store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
        journal.Open();
        RecordSessions(journal, 1, 0);
        var n = 0;
        while (journal.Compactions == 0)
            RecordSession(journal, 1, ++n);
        var compactedAt = n;
        for (var more = 0; more < 5; more++)
            RecordSession(journal, 1, ++n);

        var log = BootSequence.Run(store, new PileConfig()).SessionLog;

        // fifteen of the twenty were written before the compaction, which had to keep them
        Assert.Equal(Enumerable.Range(compactedAt - 14, 20).Reverse().Select(i => $"1-{i}"), Ids(log));
        Assert.All(Enumerable.Range(0, 20), ago => Assert.Equal(100L, log.Ended(ago).EnergyWh));
        Assert.All(Enumerable.Range(0, 20), ago => Assert.Equal(60L, log.Ended(ago).DurationS(0)));
    }

    [Fact]
    public void ASessionClosedInALaterBootHasNoDuration()
    {
        var store = new SimFileStore();
        var journal = Fresh(store);
        journal.StartBoot(1);
        Assert.True(journal.AppendSessionOpen("1-1", "A", StartUnixS, 5000, EventRing.SessionOffline, 10_000));
        journal.StartBoot(2);
        Assert.True(journal.AppendSessionClose("1-1", (int)StopReason.PowerLoss, 5300, EventRing.SessionOffline, StartUnixS + 900, 2_000,
            "A", 5000));

        var session = BootSequence.Run(store, new PileConfig()).SessionLog.Ended(0);

        Assert.Equal((-1L, 300L, StopReason.PowerLoss, true), (session.DurationS(0), session.EnergyWh, session.Reason, session.Offline));
    }

    [Fact]
    public void ASessionThatEndedWithOnlyItsLastReadingHasNoEnergy()
    {
        var log = new SessionLog();
        var flags = EventRing.SessionUnmetered | EventRing.SessionLastReadingOnly;
        log.AddRecorded(Record(JournalRecordKind.SessionOpen, 1, wh: 5000, uptimeMs: 1000, unixS: StartUnixS),
            Record(JournalRecordKind.SessionClose, 1, wh: 5200, uptimeMs: 61_000, unixS: StartUnixS + 60, flags: flags, startWh: 5000));

        var session = log.Ended(0);

        Assert.Equal((false, true, 60L), (session.HasEnergy, session.Unmetered, session.DurationS(0)));
    }

    [Fact]
    public void ACloseWhoseOpenRecordIsGoneStillShowsItsEnergy()
    {
        var log = new SessionLog();
        log.AddRecorded(null, Record(JournalRecordKind.SessionClose, 3, wh: 5200, uptimeMs: 61_000, unixS: StartUnixS, startWh: 5000));

        var session = log.Ended(0);

        Assert.Equal((200L, 0L, -1L), (session.EnergyWh, session.StartUnixS, session.DurationS(0)));
    }

    [Fact]
    public void ACloseWrittenByOlderFirmwareTakesWhatItLacksFromItsOpenRecord()
    {
        // before the outbox, a close carried no id tag, uptime or start reading: the reader leaves them null, 0 and -1
        var open = Record(JournalRecordKind.SessionOpen, 1, wh: 5000, uptimeMs: 0, unixS: StartUnixS);
        var close = Record(JournalRecordKind.SessionClose, 1, wh: 5300, uptimeMs: 0, unixS: StartUnixS + 60);
        close.IdTag = null;
        var log = new SessionLog();
        log.AddRecorded(open, close);

        var session = log.Ended(0);

        Assert.Equal(("A", 300L, -1L), (session.IdTag, session.EnergyWh, session.DurationS(0)));
    }

    [Fact]
    public void TheOldestEndedSessionGoesWhenTheLogIsFull()
    {
        var log = new SessionLog();
        for (var n = 1; n <= SessionLog.Capacity + 1; n++)
        {
            var session = new Session($"1-{n}", "", false, n * 1000L, 0, PileEvent.NoReading);
            session.End(StopReason.Local, n * 1000L + 500, 0);
            log.Add(session);
        }

        Assert.Equal(Enumerable.Range(2, SessionLog.Capacity).Reverse().Select(n => $"1-{n}"), Ids(log));
    }

    private static JournalRecord Record(JournalRecordKind kind, int boot, long wh, long uptimeMs, long unixS, int flags = 0, long startWh = -1) =>
        new()
        {
            Kind = kind, Sequence = (long)boot << 32 | 1, SessionId = $"{boot}-1", IdTag = "A", Wh = wh, UptimeMs = uptimeMs, UnixS = unixS,
            Number = kind == JournalRecordKind.SessionClose ? flags : 0, Code = kind == JournalRecordKind.SessionClose ? (int)StopReason.Local : flags,
            StartWh = startWh,
        };
}
