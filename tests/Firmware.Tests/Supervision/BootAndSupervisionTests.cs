using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Supervision;

public class BootAndSupervisionTests
{
    private static IEnumerable<(BootReason Reason, int Number)> Boots(PileHarness pile) =>
        pile.Of(EventKind.Boot).Select(e => ((BootReason)e.Code, e.Value));

    [Fact]
    public void EachKindOfBootIsToldApart()
    {
        var pile = new PileHarness().At(1000, "power cut").At(2000, "power restore").At(3000, "reboot")
            .At(4000, "hang 600ms").RunTo(6000);
        Assert.Equal(new[] { (BootReason.PowerOn, 1), (BootReason.PowerLoss, 2), (BootReason.Planned, 3), (BootReason.Watchdog, 4) },
            Boots(pile));
    }

    [Fact]
    public void AHangLongerThanTheLimitOpensWithinTheLimitPlusATickThenRebootsWithReasonWatchdog()
    {
        var pile = new PileHarness().Charging().At(10_000, "hang 2000ms").RunTo(15_000);
        var lastTick = 10_000; // Charging() ran the tick at 10 s; the hang starts after it
        var opened = pile.FirstTime(s => !s.ContactorCommanded, 10_000);
        Assert.InRange(opened - lastTick, 500, 500 + Firmware.Pile.TickMs);
        var watchdog = pile.Of(EventKind.Watchdog).Single();
        Assert.Equal(opened, watchdog.TimeMs);
        Assert.Equal(opened - lastTick, watchdog.Value);
        Assert.Contains(pile.Of(EventKind.Pilot), e => (PilotMode)e.Code == PilotMode.StateF && e.TimeMs == opened);
        Assert.Equal((BootReason.Watchdog, 2), Boots(pile).Last());
        Assert.Null(pile.Of(EventKind.Boot).Last().Text); // the control loop's own stall names no thread
        Assert.Equal(StopReason.Reboot, (StopReason)pile.SessionEnds().First().Value);
        Assert.True(pile.Pile.ContactorClosed, "after the reboot the vehicle charges again, in a new session");
        Assert.Equal("2-1", pile.SessionStarts().Last().Text);
    }

    [Fact]
    public void AHangWithinTheLimitIsRiddenOut()
    {
        var pile = new PileHarness().Charging().At(10_000, "hang 400ms").RunTo(15_000);
        Assert.Empty(pile.Of(EventKind.Watchdog));
        Assert.Single(Boots(pile));
        Assert.True(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void TheHardwareWatchdogIsKickedOnlyWhileTheLoopBeats()
    {
        var pile = new PileHarness().RunTo(1_000);
        var kicks = pile.Sim.WatchdogKicks;
        pile.At(1_000, "hang 450ms").RunTo(1_400);
        Assert.Equal(kicks, pile.Sim.WatchdogKicks);
        pile.RunTo(3_000);
        Assert.True(pile.Sim.WatchdogKicks - kicks > 100);
    }

    [Fact]
    public void CrashLoopProtectionEngagesOnTheSixthUnexpectedBootAndClearsOnCommand()
    {
        var pile = new PileHarness();
        for (var i = 0; i < 6; i++)
            pile.At(1000 + i * 2000, "power cut").At(2000 + i * 2000, "power restore");
        pile.At(20_000, "plug 32A").At(21_000, "ev ready").RunTo(30_000);
        Assert.Equal(BootReason.CrashLoop, Boots(pile).Last().Reason);
        Assert.True(pile.Pile.SafeMode);
        Assert.Equal(ConnectorStatus.Unavailable, pile.Pile.Status);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        pile.At(30_000, "safe-mode clear").RunTo(35_000);
        Assert.True(pile.Pile.ContactorClosed);
        pile.At(40_000, "power cut").At(41_000, "power restore").RunTo(42_000);
        Assert.Equal(BootReason.PowerLoss, Boots(pile).Last().Reason);
        Assert.False(pile.Pile.SafeMode);
    }

    [Fact]
    public void FiveUnexpectedBootsAreNotACrashLoop()
    {
        var pile = new PileHarness();
        for (var i = 0; i < 5; i++)
            pile.At(1000 + i * 2000, "power cut").At(2000 + i * 2000, "power restore");
        pile.RunTo(15_000);
        Assert.Equal(BootReason.PowerLoss, Boots(pile).Last().Reason);
        Assert.False(pile.Pile.SafeMode);
    }

    [Fact]
    public void ARunThatLastsTheWindowStartsTheCountAgain()
    {
        var pile = new PileHarness();
        for (var i = 0; i < 4; i++)
            pile.At(1000 + i * 2000, "power cut").At(2000 + i * 2000, "power restore");
        pile.RunTo(700_000); // ten minutes up: stable
        for (var i = 0; i < 4; i++)
            pile.At(701_000 + i * 2000, "power cut").At(702_000 + i * 2000, "power restore");
        pile.RunTo(720_000);
        Assert.False(pile.Pile.SafeMode);
    }

    [Fact]
    public void ALatchedFaultSurvivesAPowerCycleAndRetryCountsToo()
    {
        var pile = new PileHarness().Charging().At(9_000, "contactor weld").At(10_000, "stop").RunTo(12_000);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ContactorWelded));
        pile.At(13_000, "contactor unweld").At(14_000, "power cut").At(15_000, "power restore").RunTo(16_000);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ContactorWelded), "a power cycle does not clear what only a technician may");
        Assert.Equal(ConnectorStatus.Faulted, pile.Pile.Status);

        var counted = new PileHarness().At(0, "plug 32A").At(1_000, "rcd dc 8mA").At(2_000, "rcd clear").RunTo(400_000);
        Assert.Equal(1, counted.Pile.Faults.RetriesOf(Fault.ResidualCurrentDc));
        counted.At(400_000, "reboot").RunTo(401_000);
        Assert.Equal(1, counted.Pile.Faults.RetriesOf(Fault.ResidualCurrentDc));
    }

    [Fact]
    public void SessionIdsNeverRepeatAcrossReboots()
    {
        var pile = new PileHarness().Charging().At(20_000, "power cut").At(21_000, "power restore").RunTo(30_000)
            .At(30_000, "unplug").At(31_000, "plug 32A").At(32_000, "ev ready").RunTo(40_000);
        var ids = pile.SessionStarts().Select(e => e.Text!).ToList();
        Assert.Equal(new[] { "1-1", "2-1", "2-2" }, ids);
    }

    [Fact]
    public void ASessionOpenWhenPowerWentEndsAfterBootWithEveryWhTheMeterCounted()
    {
        var pile = new PileHarness().Charging().RunTo(150_000);
        var checkpoint = pile.Of(EventKind.Session).Last(e => e.Code == EventRing.SessionCheckpoint).Long1;
        pile.At(150_000, "power cut").RunTo(155_000);
        var registerAtCut = pile.Sim.Meter!.ImportWh;
        Assert.True(registerAtCut > checkpoint, "energy flowed after the last checkpoint");
        pile.At(160_000, "power restore").RunTo(161_000);
        var end = pile.SessionEnds().Single(e => e.Text == "1-1");
        Assert.Equal(StopReason.PowerLoss, (StopReason)end.Value);
        Assert.Equal(registerAtCut, end.Long2);
        Assert.False(end.IsUnmetered());
    }

    [Fact]
    public void AConfigChangeIsStoredAndAppliesFromTheNextBoot()
    {
        var pile = new PileHarness().At(0, "config pile.ratedCurrentA=16").At(100, "plug 32A").RunTo(1_000);
        Assert.Equal(32_000, pile.Pile.AdvertisedMa);
        pile.At(2_000, "reboot").RunTo(3_000);
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        pile.At(4_000, "power cut").At(5_000, "power restore").RunTo(6_000);
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
    }

    [Fact]
    public void TheConfigVerbStoresLikeTheConsoleAndThePlatform()
    {
        var pile = new PileHarness().RunTo(1_000);
        pile.Sim.Store.Broken = true;
        pile.At(1_000, "config auth.timeoutS=300").RunTo(1_100);
        Assert.False(pile.Commands("config").Last().Flag);
        Assert.Equal(120, pile.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS)); // the flash refused it: nothing changed
        pile.Sim.Store.Broken = false;

        pile.Sim.StallStorageUntil(3_000); // a slow flash: answered once stored, and one change at a time
        pile.At(2_000, "config auth.timeoutS=300").At(2_010, "config auth.timeoutS=200").RunTo(3_100);
        var answers = pile.Commands("config").ToList();
        Assert.Equal([false, false, true], answers.Select(e => e.Flag));
        Assert.Contains("busy", answers[1].Text2);
        Assert.InRange(answers[2].TimeMs, 3_000, 3_010);
        Assert.Equal(300, pile.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));

        pile.At(4_000, "config auth.timeoutS=300").RunTo(6_000); // stored again, changes nothing
        Assert.True(pile.Commands("config").Last().Flag);
        var expected = new[] { ("auth.timeoutS", "300", true) };
        Assert.Equal(expected, pile.ConfigChanges());
        Assert.Equal(1, pile.ConfigChangeRecords());
        Assert.Equal(expected, pile.ConfigChangesPublished());
    }

    [Fact]
    public void CorruptStorageIsRepairedAndWarned()
    {
        var pile = new PileHarness().Charging().At(20_000, "storage corrupt-tail").At(30_000, "unplug").RunTo(35_000)
            .At(40_000, "reboot").RunTo(41_000);
        var records = JournalFile.Records(pile.Sim.Store, out _, out var torn);
        Assert.False(torn);
        Assert.Contains(records, r => r.Kind == Firmware.Storage.JournalRecordKind.SessionClose && r.SessionId == "1-1");
    }

    [Fact]
    public void WriteBudgetPerChargingHourAndPerIdleDay()
    {
        var charging = new PileHarness().Charging();
        var store = charging.Sim.Store;
        var flushes = store.FlushCount;
        charging.RunTo(10_000 + 3_600_000);
        var perChargingHour = store.FlushCount - flushes;
        Assert.InRange(perChargingHour, 60, 75); // a checkpoint per 100 Wh at 7 kW (70), or per minute at low power (60)

        // idle: the outbox's cursor once the boot event is acknowledged, the stable mark once, ten minutes after boot,
        // and then nothing at all (two hours shown; a day is the same)
        var idle = new PileHarness().RunTo(1_000);
        var idleWrites = idle.Sim.Store.FlushCount + idle.Sim.Store.ReplaceCount;
        idle.RunTo(2 * 3_600_000);
        Assert.Equal(2, idle.Sim.Store.FlushCount + idle.Sim.Store.ReplaceCount - idleWrites);
    }

    [Fact]
    public void BrokenStorageHoldsTheNewSessionUntilItsOpenIsOnRecordThenChargesAndRecordsItOnce()
    {
        var pile = new PileHarness().RunTo(1_000);
        pile.Sim.Store.Broken = true;
        pile.At(2_000, "plug 32A").At(3_000, "ev ready").RunTo(10_000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded)); // its open record could not be written: no energy
        Assert.Equal(ErrorCode.InternalError, pile.Pile.Error);
        Assert.True(pile.Pile.Faults.IsRaised(Fault.StorageFailure));
        Assert.Equal(ConnectorStatus.SuspendedEV, pile.Pile.Status); // the vehicle asks, the pile waits

        pile.Sim.Store.Broken = false; // the flash works again: the held record goes first, then the contactor closes
        pile.RunTo(12_000);
        var closedAt = pile.FirstTime(s => s.ContactorCommanded);
        Assert.InRange(closedAt, 10_000, 10_000 + JournalRecorder.RetryEveryMs + 20);
        pile.At(20_000, "stop").RunTo(25_000);
        Assert.Equal(ErrorCode.NoError, pile.Pile.Error);
        var records = JournalFile.Records(pile.Sim.Store);
        Assert.Single(pile.SessionStarts());
        Assert.Single(records, r => r.Kind == JournalRecordKind.SessionOpen);
        Assert.Single(records, r => r.Kind == JournalRecordKind.SessionClose);
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));
    }

    [Fact]
    public void WhileAWriteIsHeldNoNewSessionIsOfferedAndTheRunningOneChargesOn()
    {
        var pile = new PileHarness().Charging();
        pile.Sim.Store.Broken = true;
        pile.RunTo(80_000); // its next checkpoint is refused and held
        Assert.True(pile.Pile.ContactorClosed, "a failed write never stops a session whose open record is durable");
        Assert.True(pile.Pile.Faults.IsRaised(Fault.StorageFailure));
        pile.At(85_000, "stop").At(90_000, "unplug").At(91_000, "plug 32A").At(92_000, "ev ready").RunTo(100_000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded, 91_000));
        Assert.Equal(ConnectorStatus.SuspendedEVSE, pile.Pile.Status); // no PWM offered: the pile cannot record a session

        pile.Sim.Store.Broken = false;
        pile.RunTo(105_000);
        Assert.True(pile.Pile.ContactorClosed, "once the held records are written a new session starts");
        var records = JournalFile.Records(pile.Sim.Store);
        Assert.Equal(["1-1", "1-2"], records.Where(r => r.Kind == JournalRecordKind.SessionOpen).Select(r => r.SessionId));
        Assert.Contains(records, r => r.Kind == JournalRecordKind.SessionCheckpoint && r.SessionId == "1-1");
        Assert.Equal(["1-1"], records.Where(r => r.Kind == JournalRecordKind.SessionClose).Select(r => r.SessionId));
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));
    }

    [Fact]
    public void RecordsWaitingBehindAHeldOneAreWrittenAfterItInOrderEachOnce()
    {
        var pile = new PileHarness("fault.rcd.retryDelayS=5").Charging(20_000);
        pile.Sim.Store.Broken = true;
        pile.Sim.StallStorageUntil(30_000); // the fault, its clearing and the session's end reach storage in one pass
        pile.At(21_000, "rcd dc 8mA").At(22_000, "rcd clear").RunTo(40_000);
        pile.Sim.Store.Broken = false;
        pile.RunTo(45_000);
        var records = JournalFile.Records(pile.Sim.Store).Where(r => r.Sequence > 0).ToList();
        var after = records.SkipWhile(r => r.Kind != JournalRecordKind.SessionOpen).Skip(1)
            .Where(r => r.Kind is JournalRecordKind.Fault or JournalRecordKind.SessionClose).ToList();
        var durable = pile.Recorder.Events.Where(e => e.TimeMs >= 21_000 && (e.Kind == EventKind.Fault || e.Kind == EventKind.Session && e.Code == EventRing.SessionEnd)).ToList();
        Assert.True(durable.Count >= 3, "a fault raised, the session's end, the fault cleared");
        Assert.Equal(durable.Select(e => e.Kind == EventKind.Fault ? JournalRecordKind.Fault : JournalRecordKind.SessionClose), after.Select(r => r.Kind));
        Assert.Equal(records.Select(r => r.Sequence).OrderBy(q => q), records.Select(r => r.Sequence));
    }

    [Fact]
    public void ANewSessionSendsTheEndOfOneStillWaitingForItsStopReading()
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging().At(20_000, "meter offline").At(40_000, "unplug")
            .At(45_000, "plug 32A").At(46_000, "ev ready").RunTo(50_000);
        var starts = pile.SessionStarts().ToList();
        var ends = pile.SessionEnds().ToList();
        Assert.Equal(2, starts.Count);
        var first = Assert.Single(ends);
        Assert.Equal("1-1", first.Text);
        Assert.True(first.IsUnmetered(), "no reading after it ended: unmetered, and sent before the next session starts");
        Assert.True(first.TimeMs <= starts[1].TimeMs);
    }
}
