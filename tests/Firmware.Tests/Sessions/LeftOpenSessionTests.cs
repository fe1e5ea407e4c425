using System.Text.Json;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Sessions;

/// <summary>
/// A session's close that never reached the journal must not be billed later sessions' energy. The probe: session 1-1
/// ends while a tariff is in force with a 20-character id tag in Chinese (60 bytes of UTF-8), 1-2 runs normally after it,
/// then the power goes. Every close must be on the journal, and a session the journal still shows open is never closed
/// with a reading taken after a later session's records.
/// </summary>
public class LeftOpenSessionTests
{
    private const string LongTag = "充电卡充电卡充电卡充电卡充电卡充电卡充电";

    private static string Slots() => "[" + string.Join(",", Enumerable.Range(0, 48).Select(i => i < 24 ? "0" : "1")) + "]";

    private static PileHarness TwoSessionsThenACut()
    {
        var pile = new PileHarness("auth.mode=platform")
            .At(100, "cmd {\"v\":1,\"id\":\"t1\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots() + "}")
            .At(1_000, "plug 32A").At(2_000, "ev ready").At(3_000, "authorize " + LongTag)
            .At(120_000, "remote stop").At(125_000, "unplug")
            .At(130_000, "plug 32A").At(131_000, "ev ready").At(132_000, "authorize CARD-0042")
            .At(300_000, "power cut").At(310_000, "power restore").RunTo(320_000);
        return pile;
    }

    private static JsonElement[] PublishedEnds(PileHarness pile) =>
        pile.Recorder.Publishes.Where(p => p.Topic == pile.Sim.Topics.Events).Select(p => JsonDocument.Parse(p.Payload).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "session-end").ToArray();

    [Fact]
    public void ASessionEndedWithALongIdTagAndBandsIsOnTheJournalAndBilledOnlyItsOwnEnergy()
    {
        var pile = TwoSessionsThenACut();
        var closes = JournalFile.Records(pile.Sim.Store).Where(r => r.Kind == JournalRecordKind.SessionClose).ToArray();
        Assert.Contains(closes, c => c.SessionId == "1-1" && c.IdTag == LongTag);
        var ends = PublishedEnds(pile);
        var first = Assert.Single(ends, e => e.GetProperty("session").GetString() == "1-1");
        var second = Assert.Single(ends, e => e.GetProperty("session").GetString() == "1-2");
        Assert.Equal(LongTag, first.GetProperty("idTag").GetString());
        Assert.True(first.GetProperty("stopWh").GetInt64() <= second.GetProperty("startWh").GetInt64(), "1-1 billed 1-2's energy");
        Assert.Equal(4, first.GetProperty("bandsWh").GetArrayLength());
    }

    /// <summary>
    /// What an earlier run left on the flash: session 1-1 charged to its checkpoint 582 Wh after its start, its close was
    /// lost, and 1-2 charged after it, to its last checkpoint 40 Wh below the register the simulated meter shows at boot
    /// (<see cref="SimMeter.InitialImportWh"/>); then the power went.
    /// </summary>
    private const long FirstStartWh = SimMeter.InitialImportWh - 2_000;
    private const long FirstCheckpointWh = FirstStartWh + 582;

    private static void EarlierRun(SimFileStore store)
    {
        var journal = new Journal(store, int.MaxValue, 20);
        journal.Open();
        journal.StartBoot(1);
        Assert.True(journal.AppendBoot(1, 0));
        Assert.True(journal.AppendSessionOpen("1-1", "CARD-1", 0, FirstStartWh, 0, 1_000));
        Assert.True(journal.AppendCheckpoint("1-1", FirstCheckpointWh, 60));
        Assert.True(journal.AppendSessionOpen("1-2", "CARD-2", 0, FirstCheckpointWh, 0, 200_000));
        Assert.True(journal.AppendCheckpoint("1-2", SimMeter.InitialImportWh - 40, 260));
    }

    [Fact]
    public void ALeftOpenSessionWithALaterOneAfterItEndsAtItsCheckpointFlagged()
    {
        var pile = new PileHarness(EarlierRun).RunTo(5_000);
        var ends = pile.SessionEnds().ToArray();
        var first = Assert.Single(ends, e => e.Text == "1-1");
        Assert.True((first.Value2 & EventRing.SessionEndFromCheckpoint) != 0);
        Assert.True((first.Value2 & EventRing.SessionLastReadingOnly) != 0);
        Assert.Equal(FirstCheckpointWh, first.Long2);
        var second = Assert.Single(ends, e => e.Text == "1-2");
        Assert.Equal(pile.Sim.Meter!.ImportWh, second.Long2); // the later one takes the first reading after boot
        Assert.True((second.Value2 & EventRing.SessionEndFromCheckpoint) == 0);

        var published = Assert.Single(PublishedEnds(pile), e => e.GetProperty("session").GetString() == "1-1");
        Assert.Equal(FirstCheckpointWh, published.GetProperty("lastWh").GetInt64());
        Assert.Equal("checkpoint", published.GetProperty("estimatedFrom").GetString());
        Assert.False(published.TryGetProperty("energyWh", out _));
        Assert.False(published.TryGetProperty("stopWh", out _));
    }
}
