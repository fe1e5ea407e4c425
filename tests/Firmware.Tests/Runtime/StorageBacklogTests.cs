using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// When the storage thread cannot keep up (a flash write that blocks for a minute), the event ring fills: telemetry is
/// dropped and counted, no new session starts, and every durable event still reaches the journal once storage is back.
/// Deterministic: the simulator stalls its storage thread on virtual time; the judge is the board and the flash.
/// </summary>
public class StorageBacklogTests
{
    private const long StallEndMs = 60_000;

    /// <summary>A platform that keeps sending limits: each answer is a telemetry event in the ring.</summary>
    private static PileHarness Flood(PileHarness pile, long fromMs, int commands)
    {
        for (var i = 0; i < commands; i++)
            pile.At(fromMs + i * 10, i % 2 == 0 ? "limit 20A" : "limit 32A");
        return pile;
    }

    private static JournalRecord[] Journal(PileHarness pile) => JournalFile.Records(pile.Sim.Store);

    [Fact]
    public void NoSessionStartsWhileTheRingIsCongestedAndItStartsOnceStorageCatchesUp()
    {
        var pile = new PileHarness();
        pile.Sim.StallStorageUntil(StallEndMs);
        Flood(pile, 100, PileRuntimeCapacity);
        Assert.True(pile.Sim.Events.Congested);
        pile.At(5_000, "plug 32A").At(6_000, "ev ready").RunTo(StallEndMs - 10);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        Assert.True(pile.Sim.Events.Dropped > 0);

        pile.RunTo(StallEndMs + 5_000);
        var closed = pile.FirstTime(s => s.ContactorCommanded);
        Assert.InRange(closed, StallEndMs, StallEndMs + 1_000);
        Assert.Equal(0, pile.Sim.Events.DurableLost);
        var journal = Journal(pile);
        Assert.Equal(JournalRecordKind.Boot, journal[0].Kind);
        Assert.Contains(journal, r => r.Kind == JournalRecordKind.SessionOpen && r.SessionId == "1-1");
    }

    [Fact]
    public void ARunningSessionsFaultAndEndReachTheJournalThroughABacklog()
    {
        var pile = new PileHarness().Charging();
        pile.Sim.StallStorageUntil(StallEndMs);
        Flood(pile, 10_100, PileRuntimeCapacity);
        Assert.True(pile.Sim.Events.Congested);
        pile.At(20_000, "estop press").At(21_000, "estop release").At(22_000, "unplug").RunTo(StallEndMs - 10);
        Assert.True(pile.FirstTime(s => !s.ContactorCommanded, 20_000) <= 20_010, "the e-stop opens at once, backlog or not");
        Assert.DoesNotContain(Journal(pile), r => r.Kind == JournalRecordKind.Fault);

        pile.RunTo(StallEndMs + 1_000);
        Assert.Equal(0, pile.Sim.Events.DurableLost);
        Assert.True(pile.Sim.Events.Dropped > 0);
        var journal = Journal(pile);
        Assert.Equal(2, journal.Count(r => r.Kind == JournalRecordKind.Fault)); // raised, cleared
        Assert.Single(journal, r => r.Kind == JournalRecordKind.SessionClose && r.SessionId == "1-1");
        Assert.Equal(pile.Recorder.Events.Count(e => EventRing.IsDurable(e.Kind)),
            journal.Count(r => r.Kind != JournalRecordKind.OutboxAck)); // one record each, besides the outbox's cursor
    }

    [Fact]
    public void AnHourOfStuckStorageWhileChargingSkipsCheckpointsAndKeepsTheReserveForTheEnd()
    {
        const long HourMs = 3_600_000;
        var pile = new PileHarness().Charging();
        pile.Sim.StallStorageUntil(HourMs + 20_000);
        Flood(pile, 10_100, PileRuntimeCapacity);
        pile.Sim.AdvanceTo(HourMs); // 7 kW for an hour: a checkpoint every ~51 s would be 70 events, more than the reserve
        pile.At(HourMs + 10_000, "unplug").RunTo(HourMs + 30_000);
        Assert.Equal(0, pile.Sim.Events.DurableLost);
        Assert.Single(Journal(pile), r => r.Kind == JournalRecordKind.SessionClose && r.SessionId == "1-1");
        Assert.True(pile.Sim.Events.Dropped > 0);
    }

    private static int PileRuntimeCapacity => ChargeController.Runtime.PileRuntime.EventCapacity;
}
