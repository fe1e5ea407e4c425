using System.Collections;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests.Storage;

/// <summary>
/// A pile whose journal is full at the byte, two ways. <see cref="Full.Ceiling"/>: a long outage left the journal 56 bytes
/// short of its ceiling with sessions the platform has not acknowledged. <see cref="Full.Partition"/>: other files fill
/// the partition but for the boot state's block and the journal's one block, which has 56 bytes left. Either way the
/// boot's record (36 bytes) is the last record that fits and the open record of the session a driver starts is the first
/// that does not. It is held, the contactor waits, storage-full (or storage) is raised; when room comes back (the link
/// is back, the outbox drains and a compaction makes room; or the other file goes) the open record is written, the
/// session charges, and a later session starts as usual. Then the same run is cut by a power loss at every durable write
/// around that boundary (every byte of the records there, every move and delete, the first and last bytes of each
/// compaction's copy, the boot state); after each cut the pile boots again on the same flash and the run goes on.
/// Judged from the flash and from what the simulated broker received.
/// </summary>
public class FullJournalTests
{
    public enum Full { Ceiling, Partition }

    /// <summary>The other file of <see cref="Full.Partition"/>, and when it goes.</summary>
    private const string OtherFile = "ca.pem";
    private const long OtherFileGoesMs = 12_000;

    private const int BootRecordBytes = 36;
    private const int LeftAfterBootBytes = 20; // less than any session open record
    private const int CopyEdgeBytes = 16;
    private const int AfterHeldWrites = 150;

    private const string Scenario = """
        0s    link down
        1s    plug 32A
        2s    ev ready
        8s    link up
        20s   stop
        21s   unplug
        22s   plug 32A
        23s   ev ready
        30s   stop
        31s   unplug
        """;

    private readonly ITestOutputHelper _output;

    public FullJournalTests(ITestOutputHelper output) => _output = output;

    private sealed record Outcome(SimulatedPile Sim, RecordingWriter Trace, ArrayList Appended, ArrayList WriteLog, long WritesBefore,
        List<string> Received, int FilledSessions, int MaxJournalBytes, bool SawFull, long FullFromMs, long FullUntilMs,
        List<string> BootsThatDidNotCompact);

    private static Outcome Run(Full full, long cutAtWrite)
    {
        var trace = new RecordingWriter();
        var sim = new SimulatedPile(new PileConfig(), trace);
        var broker = new BrokerEvents();
        sim.Link.Broker.Tap = broker;
        var appended = new ArrayList();
        var writeLog = new ArrayList();
        sim.Store.AppendLog = appended;
        var outage = new Journal(sim.Store, int.MaxValue, BootSequence.JournalKeepClosedSessions);
        outage.Open();
        outage.StartBoot(1);
        var journalBytes = full == Full.Ceiling ? Journal.CeilingBytes : SimFileStore.BlockBytes;
        var filled = JournalFill.To(outage, journalBytes - BootRecordBytes - LeftAfterBootBytes);
        if (full == Full.Partition)
        {
            var others = (sim.Store.FreeBlocks - 1) * SimFileStore.BlockBytes; // one for the boot state
            Assert.True(sim.Store.Replace(OtherFile, new byte[others], 0, others));
        }
        sim.Store.WriteLog = writeLog; // the pile's writes: the cut points are numbered from the store's first write
        var writesBefore = sim.Store.Writes;
        if (cutAtWrite > 0)
            sim.Store.CutPowerAtWrite(cutAtWrite);

        var watch = new Watch(sim);
        sim.Start();
        foreach (var step in ScenarioParser.Parse(Scenario).Steps)
        {
            if (full == Full.Partition && step.TimeMs > OtherFileGoesMs && sim.Store.Exists(OtherFile))
            {
                RunTo(sim, OtherFileGoesMs, watch);
                while (!sim.Store.Delete(OtherFile)) // a technician frees room; when the cut falls on it, after the boot
                    RunTo(sim, sim.NowMs + Firmware.Pile.TickMs, watch);
            }
            RunTo(sim, step.TimeMs - 1, watch);
            sim.Apply(step);
        }
        RunTo(sim, 120_000, watch);
        watch.EndOfBoot();
        return new Outcome(sim, trace, appended, writeLog, writesBefore, broker.Payloads, filled, watch.MaxJournalBytes, watch.FullFromMs >= 0,
            watch.FullFromMs, watch.FullUntilMs, watch.BootsThatDidNotCompact);
    }

    /// <summary>What the test sees of the pile after every tick: the journal's length, when it was full, each boot's compactions.</summary>
    private sealed class Watch(SimulatedPile sim)
    {
        private BootContext? _boot;
        private bool _bootOverThreshold;
        private int _bootTicks;
        public int MaxJournalBytes { get; private set; }
        /// <summary>When the journal was first full, or a write first refused.</summary>
        public long FullFromMs { get; private set; } = -1;
        public long FullUntilMs { get; private set; } = -1;
        public List<string> BootsThatDidNotCompact { get; } = new();

        public void Tick()
        {
            if (!sim.Powered)
                return;
            if (!ReferenceEquals(sim.Runtime.LastBoot, _boot))
            {
                EndOfBoot();
                _boot = sim.Runtime.LastBoot;
                _bootOverThreshold = sim.Store.Length(Journal.FileName) > BootSequence.JournalCompactAboveBytes;
                _bootTicks = 0;
            }
            _bootTicks++;
            MaxJournalBytes = Math.Max(MaxJournalBytes, sim.Store.Length(Journal.FileName));
            var full = _boot!.Journal.Full || sim.Pile.Faults.IsRaised(Fault.StorageFailure);
            if (full && FullFromMs < 0)
                FullFromMs = sim.NowMs;
            if (!full && FullFromMs >= 0 && FullUntilMs < 0)
                FullUntilMs = sim.NowMs;
        }

        /// <summary>A boot over a journal past its threshold compacted it (unless the power went before its first record).</summary>
        public void EndOfBoot()
        {
            if (_boot != null && _bootOverThreshold && _bootTicks > 1 && _boot.Journal.Compactions == 0)
                BootsThatDidNotCompact.Add($"boot {_boot.BootNumber}");
        }
    }

    private static void RunTo(SimulatedPile sim, long timeMs, Watch watch)
    {
        while (sim.NowMs + Firmware.Pile.TickMs <= timeMs || !sim.Powered)
        {
            if (!sim.Powered)
                sim.Apply(ScenarioParser.ParseCommand("power restore", sim.NowMs + Firmware.Pile.TickMs, out _)!);
            sim.AdvanceTo(sim.NowMs + Firmware.Pile.TickMs);
            watch.Tick();
        }
    }

    private static long SequenceOf(byte[] record) => BitConverter.ToInt64(record, 3);

    private static void Check(Outcome o, long cut)
    {
        var store = o.Sim.Store;
        var records = JournalFile.Records(store, out _, out _);
        var content = store.DurableContent(Journal.FileName);
        var written = o.Appended.Cast<byte[]>().Where(c => c.Length >= 11).ToList();
        var writtenHex = new HashSet<string>(written.Select(Convert.ToHexString));
        foreach (var record in records)
            Assert.True(writtenHex.Contains(Convert.ToHexString(content, record.Offset, record.Length)), $"cut {cut}: a record was never written");
        Assert.Equal(records.Length, records.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));

        // never past the ceiling, and at the end nothing is held: not full, every record on flash, the outbox empty
        Assert.True(o.MaxJournalBytes <= Journal.CeilingBytes, $"cut {cut}: the journal reached {o.MaxJournalBytes} bytes");
        Assert.False(o.Sim.Runtime.LastBoot.Journal.Full, $"cut {cut}: still full at the end");
        Assert.False(o.Sim.Pile.Faults.IsRaised(Fault.StorageFull), $"cut {cut}: storage-full still raised");
        Assert.False(o.Sim.Pile.Faults.IsRaised(Fault.StorageFailure), $"cut {cut}: storage still raised");
        Assert.True(o.Sim.Runtime.Outbox.Pending == 0, $"cut {cut}: {o.Sim.Runtime.Outbox.Pending} events still wait");
        Assert.False(store.Exists(Journal.NewFileName), $"cut {cut}: a compaction's copy was left");
        Assert.True(o.BootsThatDidNotCompact.Count == 0, $"cut {cut}: {string.Join(", ", o.BootsThatDidNotCompact)} booted over a full journal without compacting");

        // every session that carried current has its open and close on flash once each (the newest sessions are kept)
        foreach (var id in PowerCutRuns.SessionsThatCarriedCurrent(o.Trace))
        {
            Assert.True(records.Count(r => r.Kind == JournalRecordKind.SessionOpen && r.SessionId == id) == 1, $"cut {cut}: {id} open");
            Assert.True(records.Count(r => r.Kind == JournalRecordKind.SessionClose && r.SessionId == id) == 1, $"cut {cut}: {id} close");
        }

        // the platform: each event id one message (copies identical), only records that were written, every record on
        // the flash, every session of the outage and every session that carried current, start and end
        var received = o.Received.Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement)
            .GroupBy(e => ((long)e.GetProperty("boot").GetInt32() << 32) | (uint)e.GetProperty("seq").GetInt32())
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var copies in received.Values)
            Assert.True(copies.Select(c => c.GetRawText()).Distinct().Count() == 1, $"cut {cut}: two different messages share an id");
        var writtenPlatform = written.Where(c => Journal.IsPlatformRecord((JournalRecordKind)c[2])).Select(SequenceOf).ToHashSet();
        foreach (var id in received.Keys)
            Assert.True(writtenPlatform.Contains(id), $"cut {cut}: event {id >> 32}-{(int)id} arrived but was never written");
        foreach (var record in records.Where(r => Journal.IsPlatformRecord(r.Kind)))
            Assert.True(received.ContainsKey(record.Sequence), $"cut {cut}: {record.Kind} {record.Sequence >> 32}-{(int)record.Sequence} never arrived");
        var sessionEvents = received.Values.Select(c => c[0])
            .Where(e => e.GetProperty("event").GetString()!.StartsWith("session-"))
            .Select(e => e.GetProperty("event").GetString() + " " + e.GetProperty("session").GetString()).ToHashSet();
        var expected = Enumerable.Range(1, o.FilledSessions).Select(n => $"1-{n}").Concat(PowerCutRuns.SessionsThatCarriedCurrent(o.Trace));
        foreach (var session in expected)
        {
            Assert.True(sessionEvents.Contains("session-start " + session), $"cut {cut}: the start of {session} never arrived");
            Assert.True(sessionEvents.Contains("session-end " + session), $"cut {cut}: the end of {session} never arrived");
        }
    }

    [Theory]
    [InlineData(Full.Ceiling)]
    [InlineData(Full.Partition)]
    public void TheOpenThatDoesNotFitWaitsAndTheSessionChargesOnceThereIsRoom(Full full)
    {
        var o = Run(full, 0);
        Check(o, 0);
        var boot = o.Trace.Events.Single(e => e.Kind == EventKind.Boot);
        Assert.Equal(2, boot.Value);
        var opened = o.Trace.Events.First(e => e.Kind == EventKind.Session && e.Code == EventRing.SessionStart).TimeMs;
        Assert.InRange(o.FullFromMs, opened, opened + 20); // the session open, the first record that does not fit
        if (full == Full.Ceiling)
            Assert.InRange(o.FullUntilMs, 8_000, 20_000); // the link is back at 8 s
        else
            Assert.InRange(o.FullUntilMs, OtherFileGoesMs, OtherFileGoesMs + JournalRecorder.RetryEveryMs + 20);
        var fault = full == Full.Ceiling ? Fault.StorageFull : Fault.StorageFailure;
        Assert.Contains(o.Trace.Events, e => e.Kind == EventKind.Fault && e.Code == (int)fault && e.Flag);
        Assert.DoesNotContain(o.Trace.Events, e => e.Kind == EventKind.Contactor && e.Flag && e.TimeMs < o.FullUntilMs - JournalRecorder.RetryEveryMs);
        var carried = PowerCutRuns.SessionsThatCarriedCurrent(o.Trace);
        Assert.Equal(["2-1", "2-2"], carried.Order());
        // the contactor waited for the open record, retried once a second, then closed at the next tick
        var firstClose = o.Trace.Events.First(e => e.Kind == EventKind.Contactor && e.Flag).TimeMs;
        Assert.InRange(firstClose, o.FullUntilMs, o.FullUntilMs + JournalRecorder.RetryEveryMs + 20);
    }

    [Theory]
    [InlineData(Full.Ceiling)]
    [InlineData(Full.Partition)]
    public void APowerCutAtEveryWriteAroundTheBoundaryLosesNothingAndDeliversEachEventOnce(Full full)
    {
        var reference = Run(full, 0);
        var cuts = CutPoints(reference.WriteLog, reference.WritesBefore, full);
        var tried = 0;
        foreach (var cut in cuts)
        {
            Check(Run(full, cut), cut);
            tried++;
        }
        _output.WriteLine($"{cuts.Count} cut points: {string.Join(",", reference.WriteLog.Cast<string>().Where((n, i) => cuts.Contains(reference.WritesBefore + i + 1)).GroupBy(n => n).Select(g => g.Key + " x" + g.Count()))}");
        _output.WriteLine($"full {full}: tried {tried} cut points of the pile's {reference.WriteLog.Count} durable writes");
        Console.WriteLine($"full {full}: tried {tried} cut points of the pile's {reference.WriteLog.Count} durable writes");
        Assert.True(tried > 200, $"only {tried} cut points");
    }

    /// <summary>
    /// Every write of the pile from its start (the boot state, the boot's compaction, the boot record: the last record
    /// that fits, the compaction the open record that does not fit runs, the one that makes room once the broker has
    /// acknowledged, the held record and <see cref="AfterHeldWrites"/> writes after it), except the middle of a
    /// compaction's copy: its first and last <see cref="CopyEdgeBytes"/> bytes (JournalTests cuts a compaction at every
    /// byte). The held record is the first appended after the third compaction (ceiling), or after the other file went
    /// (partition).
    /// </summary>
    private static List<long> CutPoints(ArrayList log, long writesBefore, Full full)
    {
        var names = log.Cast<string>().ToList();
        var room = full == Full.Partition
            ? names.IndexOf("delete " + OtherFile)
            : names.Select((n, i) => (n, i)).Where(x => x.n == "move " + Journal.FileName).Select(x => x.i).ElementAt(2);
        var end = Math.Min(names.Count, room + 1 + AfterHeldWrites);
        var cuts = new List<long>();
        for (var i = 0; i < end; i++)
        {
            if (names[i] == Journal.NewFileName)
            {
                var first = i;
                while (i + 1 < end && names[i + 1] == Journal.NewFileName)
                    i++;
                for (var j = first; j <= i; j++)
                    if (j - first < CopyEdgeBytes || i - j < CopyEdgeBytes)
                        cuts.Add(writesBefore + j + 1);
                continue;
            }
            cuts.Add(writesBefore + i + 1);
        }
        return cuts;
    }
}
