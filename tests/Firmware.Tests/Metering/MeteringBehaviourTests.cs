using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;
using ChargeController.Sim.Metering;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>The meter as part of billing and safety, on the simulated pile with a register-level simulated meter.</summary>
public class MeteringBehaviourTests
{
    private static PileEvent SessionEnd(PileHarness pile) => pile.SessionEnds().Single();

    [Theory]
    [InlineData("meter.profile=ddsu666")]
    [InlineData("meter.profile=sdm120")]
    [InlineData("meter.profile=dtsu666")]
    [InlineData("meter.profile=sdm630")]
    public void SessionEnergyIsTheMetersDeltaToTheWattHour(string profile)
    {
        var pile = new PileHarness(profile);
        var before = pile.Sim.Meter!.ImportWh;
        pile.Charging().RunTo(600_000).At(600_000, "unplug").RunTo(602_000);
        var end = SessionEnd(pile);
        Assert.Equal(before, end.Long1);
        Assert.Equal(pile.Sim.Meter.ImportWh, end.Long2);
        Assert.True(end.Long2 - end.Long1 > 1_100, "about ten minutes at 7 kW");
        Assert.Equal(end.Long2 - end.Long1, pile.Pile.Session!.EnergyWh);
        Assert.False(end.IsUnmetered());
    }

    [Fact]
    public void TheSessionEndWaitsForAReadingTakenAfterTheContactorOpened()
    {
        var pile = new PileHarness().Charging().At(100_000, "stop").RunTo(105_000);
        var opened = pile.ContactorAt(false, 100_000);
        var end = SessionEnd(pile);
        Assert.InRange(end.TimeMs - opened, 0, 1000);
        Assert.Equal(pile.Sim.Meter!.ImportWh, end.Long2);
    }

    [Fact]
    public void MeterLossStopsTheSessionWithinTheLossTimeout()
    {
        var pile = new PileHarness().Charging().At(20_000, "meter offline").RunTo(40_000);
        var lost = pile.Faults(Fault.MeterLost).First(e => e.Flag);
        // the last good reading was at most one poll before the meter went offline
        Assert.InRange(lost.TimeMs - 20_000, 10_000 - 1000, 10_000);
        Assert.Equal(StopReason.Other, pile.Pile.Session!.Reason);
        Assert.Equal(ErrorCode.PowerMeterFailure, pile.Pile.Error);
        Assert.InRange(pile.ContactorAt(false, lost.TimeMs) - lost.TimeMs, 0, 3000 + 10);
    }

    [Fact]
    public void TheStoppedSessionGetsItsExactEnergyWhenTheMeterAnswersAgain()
    {
        // the meter's register kept counting while it was silent: its next answer is the true stop reading
        var pile = new PileHarness().Charging().At(20_000, "meter offline").RunTo(40_000);
        Assert.Empty(pile.SessionEnds());
        pile.At(100_000, "meter online").RunTo(112_000);
        var end = SessionEnd(pile);
        Assert.Equal(StopReason.Other, (StopReason)end.Value);
        Assert.Equal(pile.Sim.Meter!.ImportWh, end.Long2);
        Assert.True(end.IsUnmetered(), "the meter did not see all of it live");
    }

    [Fact]
    public void AMeterThatNeverAnswersAgainLeavesTheSessionUnmetered()
    {
        var pile = new PileHarness("meter.stopReadingWaitS=60").Charging().At(20_000, "meter offline").RunTo(40_000);
        var opened = pile.ContactorAt(false, 20_000);
        pile.RunTo(opened + 60_000 - 10);
        Assert.Empty(pile.SessionEnds());
        pile.RunTo(opened + 60_000);
        var end = SessionEnd(pile);
        Assert.True(end.IsUnmetered());
        Assert.True((end.Value2 & EventRing.SessionLastReadingOnly) != 0, "no stop reading: the last plausible one instead");
    }

    [Fact]
    public void NoSessionStartsWhileTheMeterIsLostAndChargingResumesWhenItIsBack()
    {
        var pile = new PileHarness().At(0, "meter offline").At(100, "plug 32A").At(1000, "ev ready").RunTo(30_000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        Assert.Equal(ConnectorStatus.SuspendedEVSE, pile.Pile.Status);
        pile.At(30_000, "meter online").RunTo(45_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.NotEqual(PileEvent.NoReading, pile.SessionStarts().Single().Long1);
    }

    [Fact]
    public void WithContinueChargingGoesOnAndTheSessionIsMarkedUnmeteredWithItsExactEnergy()
    {
        var pile = new PileHarness("meter.lossPolicy=continue").Charging().At(20_000, "meter offline").RunTo(60_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(ErrorCode.PowerMeterFailure, pile.Pile.Error);
        pile.At(60_000, "unplug").At(70_000, "meter online").RunTo(80_000);
        var end = SessionEnd(pile);
        Assert.True(end.IsUnmetered());
        Assert.Equal(pile.Sim.Meter!.ImportWh, end.Long2);
        // about 39 Wh at 32 A before the outage, then 40 s at the unsupervised cap of 10 A (about 24 Wh)
        Assert.True(end.Long2 - end.Long1 > 55, "the energy drawn while the meter was silent is in its register");
    }

    [Theory]
    [InlineData("meter garbage", MeterHealth.NonFinite)]
    [InlineData("meter backwards 50Wh", MeterHealth.EnergyBackwards)]
    [InlineData("meter slave-error", MeterHealth.SlaveException)]
    public void BadReadingsNeverReachASession(string injection, MeterHealth health)
    {
        var pile = new PileHarness("meter.stopReadingWaitS=10").Charging().At(20_000, injection).At(25_000, "meter online")
            .At(25_000, "unplug").RunTo(40_000);
        Assert.Contains(pile.Of(EventKind.Meter), e => (MeterHealth)e.Code == health);
        Assert.True(pile.Sim.Poller!.CountOf(health) > 0);
        var end = SessionEnd(pile);
        if (injection.StartsWith("meter backwards"))
        {
            // its total stays below the last believed one: no stop reading is believable, and the session says so
            Assert.True(end.IsUnmetered());
            Assert.True((end.Value2 & EventRing.SessionLastReadingOnly) != 0, "no stop reading: the last plausible one instead");
        }
        else
        {
            // the stop reading is one the meter really held, taken after it recovered
            Assert.False(end.IsUnmetered());
            Assert.Equal(pile.Sim.Meter!.ImportWh, end.Long2);
            Assert.True(end.Long2 > end.Long1);
        }
    }

    [Fact]
    public void AfterAMeterSwapATechnicianAcceptsTheNewTotal()
    {
        var pile = new PileHarness().At(1_000, "meter backwards 900000Wh").RunTo(20_000);
        Assert.Equal(ErrorCode.PowerMeterFailure, pile.Pile.Error);
        pile.At(20_000, "faults clear").RunTo(21_000);
        Assert.Equal(MeterHealth.Ok, pile.Sim.Poller!.Health);
        Assert.Equal(ErrorCode.NoError, pile.Pile.Error);
        Assert.Equal(pile.Sim.Meter!.ImportWh, pile.Sim.Poller.Latest!.ImportWh);
    }

    [Fact]
    public void SlaveExceptionCodeIsReported()
    {
        var pile = new PileHarness().At(1_000, "meter slave-error").RunTo(30_000);
        var meter = pile.Of(EventKind.Meter).Single(e => (MeterHealth)e.Code == MeterHealth.SlaveException);
        Assert.Equal(SimMeter.SlaveDeviceFailure, meter.Value);
        Assert.Contains("\"ev\":\"meter\",\"ok\":false,\"error\":\"slave-exception\",\"exception\":4", string.Join("\n", pile.Recorder.Lines));
    }

    [Fact]
    public void CurrentWithTheContactorOpenIsAWeld()
    {
        var pile = new PileHarness().Charging().At(9_000, "contactor weld").At(10_000, "ev disobey").At(10_000, "stop").RunTo(16_000);
        var fault = pile.Faults(Fault.ContactorCurrentWhileOpen).First(e => e.Flag);
        var opened = pile.ContactorAt(false, 10_000);
        Assert.InRange(fault.TimeMs - opened, 1000, 3000);
        Assert.Equal(ErrorCode.PowerSwitchFailure, pile.Pile.Error);
    }

    /// <summary>
    /// The weld check by current has its threshold at 0.5 A (<see cref="MeterWatch.CurrentWhileOpenMa"/>): a small
    /// current through a welded contactor is caught just above it, and a reading at it is not a weld.
    /// </summary>
    [Theory]
    [InlineData(600, true)]
    [InlineData(500, false)]
    public void ASmallCurrentThroughTheOpenContactorIsAWeldAboveHalfAnAmpere(int drawMa, bool weld)
    {
        var pile = new PileHarness().Charging().At(9_000, "contactor weld").At(9_500, "ev disobey");
        pile.Board.Vehicle.WantedMa = drawMa; // a vehicle that keeps drawing a little through the welded contacts
        pile.At(10_000, "stop").RunTo(16_000);
        Assert.Equal(drawMa, pile.Snapshots.Last().DrawMa);
        Assert.Equal(weld, pile.Faults(Fault.ContactorCurrentWhileOpen).Any(e => e.Flag));
    }

    [Fact]
    public void ThreePhasePileMetersEveryPhaseAndSupervisesTheHighest()
    {
        var pile = new PileHarness("pile.phases=3", "meter.profile=dtsu666").At(0, "plug 32A").At(100, "ev draw 16A 3p").At(1000, "ev ready").RunTo(10_000);
        var reading = pile.Sim.Poller!.Latest!;
        Assert.Equal(new[] { 16_000, 16_000, 16_000 }, new[] { reading.CurrentL1Ma, reading.CurrentL2Ma, reading.CurrentL3Ma });
        Assert.InRange(reading.ActivePowerW, 10_500, 10_600);  // 3 x 220 V x 16 A
        pile.At(10_000, "ev disobey").At(10_000, "ev draw 40A 3p").RunTo(20_000);
        Assert.Equal(ErrorCode.OverCurrentFailure, pile.Pile.Error);
    }

    [Fact]
    public void APileWithoutAMeterChargesUnmetered()
    {
        var pile = new PileHarness("meter.profile=none").Charging().At(20_000, "unplug").RunTo(21_000);
        Assert.Null(pile.Sim.Meter);
        Assert.True(SessionEnd(pile).IsUnmetered());
        Assert.Throws<ArgumentException>(() => pile.At(22_000, "meter offline"));
    }

    [Fact]
    public void ACustomMeterFromConfigIsReadLikeABuiltInOne()
    {
        // an Acrel-like single-phase meter: holding registers, integers, voltage in 0.1 V, current in 0.01 A, energy in 0.01 kWh
        var pile = new PileHarness("meter.profile=custom", "meter.custom.function=3",
            "meter.custom.voltageL1.register=0", "meter.custom.voltageL1.type=uint16", "meter.custom.voltageL1.shift=2",
            "meter.custom.currentL1.register=1", "meter.custom.currentL1.type=uint16", "meter.custom.currentL1.shift=1",
            "meter.custom.energy.register=16", "meter.custom.energy.type=uint32", "meter.custom.energy.shift=1");
        pile.Charging().RunTo(300_000).At(300_000, "unplug").RunTo(302_000);
        var reading = pile.Sim.Poller!.Latest!;
        Assert.Equal(220_000, reading.VoltageL1Mv);
        Assert.Equal(MeterHealth.Ok, pile.Sim.Poller.Health);
        var end = SessionEnd(pile);
        Assert.Equal(pile.Sim.Meter!.ImportWh / 10 * 10, end.Long2);  // the register holds 10 Wh steps
        Assert.True(end.Long2 - end.Long1 > 500);
    }

    [Fact]
    public void AnIncompleteCustomProfileSaysSo()
    {
        var pile = new PileHarness("meter.profile=custom", "meter.custom.voltageL1.register=0").RunTo(2_000);
        Assert.Contains(pile.Of(EventKind.Meter), e => (MeterHealth)e.Code == MeterHealth.ProfileIncomplete);
    }
}
