using System.Collections.Generic;
using ChargeController.Firmware.Handoff;
using ChargeController.Runtime.Health;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Firmware.Config;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Health;

/// <summary>
/// The monitor on the control thread and its saves on the storage thread: warnings and the day's figures reach the
/// journal as platform events and the record reaches flash, the control thread never waits, a failed save goes on where
/// it stopped.
/// </summary>
public class HealthMonitorTests
{
    internal sealed class Rig
    {
        public readonly SimFileStore Store = new();
        public readonly FlashWrites Flash = new(4);
        public readonly Journal Journal;
        public readonly HealthMonitor Monitor;
        public readonly HealthSample Sample = new();

        public Rig(PileConfig? config = null)
        {
            Journal = new Journal(Store, BootSequence.JournalCompactAboveBytes, BootSequence.JournalKeepClosedSessions);
            Journal.Open();
            var figures = new HealthFigures();
            var record = new HealthStore(Store);
            record.Load(figures);
            Monitor = new HealthMonitor(figures, HealthSettings.From(config ?? new PileConfig()), Flash, new HealthWrite(record, Journal), 0);
        }

        public void Observe(long nowMs)
        {
            Sample.NowMs = nowMs;
            Monitor.Observe(Sample);
        }

        /// <summary>The journal's health records: (kind, code or figure count).</summary>
        public List<(JournalRecordKind Kind, int Code)> Records()
        {
            var reader = new JournalReader(Store, Journal.FileName);
            reader.Rewind();
            var records = new List<(JournalRecordKind, int)>();
            while (reader.Next())
                if (reader.Kind == JournalRecordKind.HealthWarning || reader.Kind == JournalRecordKind.Health)
                    records.Add((reader.Kind, reader.Kind == JournalRecordKind.Health ? reader.Number : reader.Code));
            return records;
        }

        public HealthFigures OnFlash()
        {
            var figures = new HealthFigures();
            Assert.True(new HealthStore(Store).Load(figures));
            return figures;
        }
    }

    private static void RcdRetried(Rig rig, long nowMs)
    {
        rig.Sample.SelfTestsFinished++;
        rig.Sample.SelfTestPassed = false;
        rig.Observe(nowMs);
        rig.Sample.SelfTestsFinished++;
        rig.Sample.SelfTestPassed = true;
        rig.Observe(nowMs + 10);
    }

    [Fact]
    public void AWarningIsSavedByTheStorageThreadNotTheControlThread()
    {
        var rig = new Rig();
        RcdRetried(rig, 1000);
        Assert.False(rig.Store.Exists(HealthStore.FileName)); // the control thread only queued it
        Assert.True(rig.Monitor.Saving);
        rig.Flash.Run();
        Assert.Equal(new[] { (JournalRecordKind.HealthWarning, HealthWarnings.RcdRetry) }, rig.Records());
        var saved = rig.OnFlash();
        Assert.True(saved.Raised(HealthWarnings.RcdRetry));
        Assert.Equal(1, saved[HealthFigures.RcdRetried]);
        rig.Observe(2000);
        Assert.False(rig.Monitor.Saving);
    }

    [Fact]
    public void NothingIsWrittenBetweenDaysWithoutAWarning()
    {
        var rig = new Rig();
        for (long now = 0; now < HealthMonitor.DayMs - 10; now += 60000)
        {
            rig.Sample.SelfTestsFinished++;
            rig.Sample.SelfTestPassed = true;
            rig.Observe(now);
            rig.Flash.Run();
        }
        Assert.False(rig.Store.Exists(HealthStore.FileName));
        Assert.Empty(rig.Records());
    }

    [Fact]
    public void EachDayEndsWithTheDaysMessageAndTheDailyFiguresStartAgain()
    {
        var rig = new Rig();
        rig.Sample.ReadingSequence = 0;
        for (long now = 0; now < HealthMonitor.DayMs; now += 10000)
        {
            rig.Sample.ReadingSequence++;
            rig.Sample.ReadingAtMs = now;
            rig.Sample.VoltageMv = 220000;
            rig.Observe(now);
        }
        rig.Observe(HealthMonitor.DayMs);
        rig.Flash.Run();
        Assert.Equal(new[] { (JournalRecordKind.Health, Journal.HealthRecordFigures) }, rig.Records());
        Assert.Equal(8640, rig.OnFlash()[HealthFigures.MeterPollsToday]); // the day's record, as it was at the end of the day
        Assert.Equal(0, rig.Monitor.Figures[HealthFigures.MeterPollsToday]);
    }

    [Fact]
    public void WithTheWallClockTheDayEndsAtMidnightUtc()
    {
        var rig = new Rig();
        const long Midnight = 20000L * 86400;
        rig.Sample.UnixS = Midnight - 3600;
        rig.Observe(0);
        rig.Flash.Run();
        rig.Sample.UnixS = Midnight - 1;
        rig.Observe(3599000);
        rig.Flash.Run();
        Assert.Empty(rig.Records()); // the first day the pile knows the date has nothing to report
        rig.Sample.UnixS = Midnight;
        rig.Observe(3600000);
        rig.Flash.Run();
        Assert.Single(rig.Records());
        Assert.Equal(20000, rig.OnFlash()[HealthFigures.Day]);
    }

    [Fact]
    public void AFailedSaveIsTriedAgainAfterAMinuteWithoutRepeatingItsEvents()
    {
        var rig = new Rig();
        RcdRetried(rig, 1000);
        rig.Store.Broken = true;
        rig.Flash.Run();
        rig.Store.Broken = false;
        rig.Observe(2000);
        rig.Flash.Run();
        Assert.False(rig.Store.Exists(HealthStore.FileName)); // not yet: a minute after the failure
        rig.Observe(1000 + HealthMonitor.RetryMs + 20);
        rig.Flash.Run();
        Assert.True(rig.OnFlash().Raised(HealthWarnings.RcdRetry));
        Assert.Single(rig.Records());
    }

    [Fact]
    public void AResetClearsThePartOnFlashToo()
    {
        var rig = new Rig();
        RcdRetried(rig, 1000);
        rig.Flash.Run();
        rig.Observe(2000);
        rig.Monitor.Reset(HealthPart.Rcd);
        rig.Observe(3000);
        rig.Flash.Run();
        var saved = rig.OnFlash();
        Assert.False(saved.Raised(HealthWarnings.RcdRetry));
        Assert.Equal(0, saved[HealthFigures.RcdTests]);
    }

    [Fact]
    public void ADeratedConnectionLimitsTheCurrentUntilItsReset()
    {
        var rig = new Rig();
        Assert.Equal(int.MaxValue, rig.Monitor.LimitMa);
        rig.Monitor.Figures.Raise(HealthWarnings.HeatDerate);
        Assert.Equal(10000, rig.Monitor.LimitMa);
        rig.Monitor.Reset(HealthPart.Connector);
        Assert.Equal(int.MaxValue, rig.Monitor.LimitMa);
    }
}
