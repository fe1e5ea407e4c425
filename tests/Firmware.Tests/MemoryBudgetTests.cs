using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.PileSim;
using ChargeController.Sim.Memory;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests;

/// <summary>
/// The heap a pile needs does not grow with what its journal holds (issue 9). Measured exactly, on the run's thread, by
/// the meter behind `PileSim run --memory`, leaving out the simulated flash's own buffers, the test's event recorder and
/// the static tables built once per process:
/// building and starting the pile on an empty flash allocates at most 51 KB, and a boot at most 16 KB more than a boot on
/// an empty flash, whether the journal holds thousands of sessions or sits at its compaction threshold. These are .NET's
/// bytes, a regression guard: the device's figures come from its own interpreter (tools/NanoClr/heap.sh,
/// docs/performance.md).
/// </summary>
public class MemoryBudgetTests
{
    /// <summary>
    /// 50,256 bytes measured (docs/performance.md): the core and the journal, the MQTT link and the platform commands,
    /// the flash writes' queue and the technician console. It was 62,320 (budget 62 KB) until the event ring became one
    /// array per field with 128 slots (-8 KB here, -34 KB on the device's interpreter, where an array of structs is a heap
    /// object per element), the fault book kept its policies as columns and the simulated board and meter joined the
    /// world the meter leaves out. The health monitor (docs/health.md: its record and its encoding, the six figures, their
    /// thresholds and 16 more config keys) added about 1.7 KB; the firmware update 16 KB: its chunk slot (2.1 KB) and request
    /// slot, the staging's hash and read buffer, the agent's file table and request writer (6 KB), and the manifest's
    /// check with the loader's classes (10 KB: the manifest's 2 KB buffer and tables, the RSA verifier's working numbers,
    /// the slot record's store); the console's reply buffer 2 KB more (6 KB: `config list` of every key). 73,960 bytes
    /// measured then; 74,200 once the status snapshot kept its words in an array with the network thread's copy beside it
    /// (SnapshotWords, shared with the site's snapshot) and the fault book made room for site-meters-swapped; 75,000 with the
    /// link's delivery probe (its topic and payload buffers) and the room for a rotated update key (a key file of two keys in the
    /// manifest's check); 75,024 once the link's refusal bookkeeping became its own object (LinkRefusals). The budget sits less than 1 KB above the measurement: an alarm for the next
    /// preallocation, not headroom.
    /// </summary>
    private const long StartupBudgetBytes = 74 * 1024;
    private const long JournalBudgetBytes = 16 * 1024;

    private readonly ITestOutputHelper _output;

    public MemoryBudgetTests(ITestOutputHelper output) => _output = output;

    private sealed record Started(SimulatedPile Pile, MemoryMeter Meter, RecordingWriter Events);

    /// <summary>
    /// Builds and starts a pile, measured, on a flash that <paramref name="earlierRuns"/> filled. A pile has been started
    /// before in this process, so the static tables (config keys, fault policies, names, the CRC table) are built and not
    /// counted: whether this test is the first to touch them must not change its numbers. docs/performance.md gives the
    /// cold figure too.
    /// </summary>
    private static Started Start(Action<SimFileStore>? earlierRuns = null)
    {
        new SimulatedPile(new PileConfig(), new RecordingWriter()).Start();
        var meter = new MemoryMeter();
        var events = new RecordingWriter();
        var writer = meter.LeavingOut(events);
        meter.Begin(RunPart.Startup);
        var pile = new SimulatedPile(new PileConfig(), writer, meter);
        meter.Begin(RunPart.Flash); // what earlier runs left on the flash is not this startup's
        earlierRuns?.Invoke(pile.Store);
        meter.End(RunPart.Flash);
        pile.Start();
        meter.End(RunPart.Startup);
        return new Started(pile, meter, events);
    }

    private void Report(string what, Started started, int journalBytes) =>
        _output.WriteLine($"{what}: journal {journalBytes} bytes, startup {started.Meter.StartupBytes} bytes, boot {started.Meter.LastBootBytes} bytes");

    private static long EmptyFlashBootBytes() => Start().Meter.LastBootBytes;

    /// <summary>
    /// Closed sessions of earlier boots (<paramref name="sessions"/> of them, or as many as fit below
    /// <paramref name="fillToBytes"/>), then one session left open by a power cut, with a latched fault: the boot has
    /// something to recover. With <paramref name="fillToBytes"/>, checkpoints of the open session fill the journal to
    /// within one record of it.
    /// </summary>
    /// <returns>how many sessions the journal holds</returns>
    private static int WriteEarlierRuns(SimFileStore store, int sessions, int checkpointsPerSession, int fillToBytes = int.MaxValue)
    {
        // no compaction and no ceiling: a journal as an older firmware, without either, could leave it
        var journal = new Journal(store, int.MaxValue, BootSequence.JournalKeepClosedSessions, int.MaxValue);
        journal.Open();
        var written = 0;
        var boot = 1;
        for (; written < sessions; boot++)
        {
            journal.StartBoot(boot);
            Assert.True(journal.AppendBoot(boot, (int)BootReason.PowerOn));
            for (var n = 1; n <= 1000 && written < sessions; n++, written++)
            {
                if (journal.Length + 2 * Journal.MaxRecordBytes + checkpointsPerSession * 32 > fillToBytes)
                {
                    sessions = written;
                    break;
                }
                var id = $"{boot}-{n}";
                Assert.True(journal.AppendSessionOpen(id, "A", 1_790_000_000 + n, n * 1000L, 0));
                for (var c = 1; c <= checkpointsPerSession; c++)
                    Assert.True(journal.AppendCheckpoint(id, n * 1000L + c * 100, c * 60));
                Assert.True(journal.AppendSessionClose(id, 3, n * 1000L + 500, 0, 1_790_003_600 + n));
            }
            journal.Acknowledge(journal.LastSequence); // delivered: compaction may let go of them
            Assert.True(journal.SaveOutboxCursor());
        }
        journal.StartBoot(boot);
        Assert.True(journal.AppendFault((int)Fault.ResidualCurrentDc, true, true, 3, 1_790_000_000));
        Assert.True(journal.AppendSessionOpen($"{boot}-1", "open-tag", 1_790_000_000, 5000, 0));
        while (fillToBytes != int.MaxValue && journal.Length + 32 <= fillToBytes)
            Assert.True(journal.AppendCheckpoint($"{boot}-1", 5100, 60));
        return written + 1;
    }

    /// <summary>The open session ends with the first reading after the boot (its stop reading), the fault stays latched.</summary>
    private static void AssertRecovered(Started started)
    {
        started.Pile.AdvanceTo(started.Pile.NowMs + 5000);
        Assert.Contains(started.Events.Events, e => e.Kind == EventKind.Session && e.Code == EventRing.SessionEnd && e.Text!.EndsWith("-1") &&
            e.Text2 == "open-tag" && (StopReason)e.Value == StopReason.PowerLoss);
        Assert.True(started.Pile.Pile.Faults.IsLatched(Fault.ResidualCurrentDc));
    }

    [Fact]
    public void StartingOnAnEmptyFlashFitsIn74Kb()
    {
        var started = Start();
        Report("empty flash", started, 0);
        Assert.InRange(started.Meter.StartupBytes, 1, StartupBudgetBytes);
        Assert.Equal(1, started.Meter.Boots);
    }

    [Fact]
    public void ABootOverThousandsOfSessionsAllocatesAtMost16KbMore()
    {
        var sessions = 0;
        var journalBytes = 0;
        var started = Start(store =>
        {
            // 2000, not 3000: session records carry the outbox's fields now (uptime, id tag and start reading in the close),
            // ~110 bytes a session, and the simulated 256 KB partition holds ~2300 of them in one file
            sessions = WriteEarlierRuns(store, 2000, 0);
            journalBytes = store.Length(Journal.FileName);
        });
        Report($"{sessions} sessions", started, journalBytes);
        Assert.True(sessions >= 2000, $"only {sessions} sessions fit");
        AssertRecovered(started);
        Assert.True(started.Pile.LastBoot.Journal.Compactions > 0, "the boot compacted the journal");
        Assert.InRange(started.Meter.LastBootBytes, 1, EmptyFlashBootBytes() + JournalBudgetBytes);
        Assert.InRange(started.Meter.StartupBytes, 1, StartupBudgetBytes + JournalBudgetBytes);
    }

    [Fact]
    public void ABootThatCompactsAtTheThresholdAllocatesAtMost16KbMore()
    {
        var journalBytes = 0;
        var started = Start(store =>
        {
            WriteEarlierRuns(store, int.MaxValue, 5, BootSequence.JournalCompactAboveBytes);
            journalBytes = store.Length(Journal.FileName);
        });
        Report("at the compaction threshold", started, journalBytes);
        Assert.InRange(journalBytes, BootSequence.JournalCompactAboveBytes - 64, BootSequence.JournalCompactAboveBytes);
        AssertRecovered(started);
        Assert.Equal(1, started.Pile.LastBoot.Journal.Compactions);
        Assert.InRange(started.Meter.LastBootBytes, 1, EmptyFlashBootBytes() + JournalBudgetBytes);
        Assert.InRange(started.Meter.StartupBytes, 1, StartupBudgetBytes + JournalBudgetBytes);
    }
}
