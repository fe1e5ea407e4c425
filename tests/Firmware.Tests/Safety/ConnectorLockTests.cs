using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>The socket's plug lock, judged from the simulated lock's position and the board's pilot and contactor.</summary>
public class ConnectorLockTests
{
    private static long LockAt(PileHarness pile, bool locked, long fromMs = 0) =>
        pile.Of(EventKind.Lock).Where(e => e.Flag == locked && e.TimeMs >= fromMs).Select(e => e.TimeMs).DefaultIfEmpty(-1).First();

    [Fact]
    public void TheLockEngagesBeforePwmAndReleasesOnlyAfterTheContactorHasOpened()
    {
        var pile = new PileHarness().Charging().At(10_000, "stop").RunTo(15_000);
        var locked = LockAt(pile, true);
        Assert.InRange(locked, 0, 1000);
        Assert.True(locked <= pile.FirstTime(s => s.PilotMode == PilotMode.Pwm), "locked before the PWM starts");
        var opened = pile.ContactorAt(false, 10_000);
        var released = LockAt(pile, false, 10_000);
        Assert.True(opened > 0 && released > opened, "released after the contactor opened");
        Assert.True(released - opened >= 200, "released once the contacts are seen open for contactor.feedbackMs");
        Assert.False(pile.Board.Lock.FeedbackLocked);
        Assert.Contains("{\"t\":" + locked + ",\"ev\":\"lock\",\"locked\":true}", pile.Recorder.Lines);
    }

    [Fact]
    public void AJammedLockIsAFaultThatRetriesAndNeverLetsTheContactorClose()
    {
        var pile = new PileHarness("fault.lock.retryDelayS=10").At(0, "lock jam").At(100, "plug 32A").At(1000, "ev ready").RunTo(100_000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        Assert.Equal(-1, pile.FirstTime(s => s.PilotMode == PilotMode.Pwm));
        var raised = pile.Faults(Fault.ConnectorLockEngage).Where(e => e.Flag).ToList();
        Assert.InRange(raised[0].TimeMs, 1100, 1200); // lock.timeoutMs after the command at plug-in
        Assert.Equal(4, raised.Count);                // the first try and three retries
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ConnectorLockEngage));
        Assert.Equal(ErrorCode.ConnectorLockFailure, pile.Pile.Error);
    }

    [Fact]
    public void ALockThatWorksAgainOnARetryLetsTheVehicleCharge()
    {
        var pile = new PileHarness("fault.lock.retryDelayS=10").At(0, "lock jam").At(100, "plug 32A").At(1000, "ev ready")
            .At(5000, "lock ok").RunTo(20_000);
        Assert.InRange(pile.ContactorAt(true), 11_000, 15_000);
        Assert.True(pile.Board.Lock.FeedbackLocked);
    }

    [Fact]
    public void ALockThatDoesNotReleaseLatchesWithAdviceForTheTechnician()
    {
        var pile = new PileHarness().Charging().At(9_000, "lock stuck").At(10_000, "stop").RunTo(20_000);
        var fault = pile.Faults(Fault.ConnectorLockRelease).Single();
        Assert.True(fault.Flag && fault.Flag2, "raised and latched at once");
        Assert.Contains(pile.Recorder.Lines, l => l.Contains("\"detail\":\"lock-release\"") && l.Contains("\"advice\":\"the connector lock does not release"));
        Assert.Equal(ErrorCode.ConnectorLockFailure, pile.Pile.Error);
        pile.At(30_000, "lock ok").At(31_000, "faults clear").RunTo(32_000);
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ConnectorLockRelease));
        Assert.False(pile.Board.Lock.FeedbackLocked);
    }

    [Fact]
    public void AForcedUnplugWhileLockedStillOpensWithin100Ms()
    {
        var pile = new PileHarness().Charging().At(10_000, "unplug").RunTo(11_000);
        Assert.True(pile.Board.Lock.FeedbackLocked || LockAt(pile, false, 10_000) > 10_000);
        Assert.InRange(pile.FirstTime(s => !s.ContactorCommanded, 10_000) - 10_000, 0, 100);
    }

    [Fact]
    public void ThePlugStaysLockedThroughAPowerCutAndIsReleasedAtTheNextBoot()
    {
        // platform mode: after the boot nobody has asked for a charge (in free mode the plug itself would ask again)
        var pile = new PileHarness("auth.mode=platform").At(0, "authorize T1").Charging().At(10_000, "power cut").RunTo(20_000);
        Assert.True(pile.Board.Lock.FeedbackLocked, "a motor lock holds its position without power");
        pile.At(20_000, "power restore").RunTo(22_000);
        Assert.False(pile.Board.Lock.FeedbackLocked);
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ConnectorLockRelease));
    }

    [Fact]
    public void ARebootWhileTheLockIsReleasingIsNotALockFault()
    {
        // the release commanded at the unplug completes across the boot (a motor lock keeps moving to where it was sent)
        var pile = new PileHarness().At(0, "plug 32A").At(1000, "ev ready").At(5000, "ev pause").At(8000, "unplug")
            .At(8050, "reboot").RunTo(30_000);
        Assert.Empty(pile.Faults(Fault.ConnectorLockEngage));
        Assert.Empty(pile.Faults(Fault.ConnectorLockRelease));
        Assert.False(pile.Board.Lock.FeedbackLocked);
        Assert.False(pile.Board.Lock.Commanded);
    }

    [Fact]
    public void ATetheredPileHasNoLockAndItsOwnCableRating()
    {
        var pile = new PileHarness("pile.connector=tethered", "pile.tetheredCableA=16").Charging();
        Assert.Empty(pile.Of(EventKind.Lock));
        Assert.False(pile.Board.Lock.Commanded);
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        pile.At(11_000, "unplug").RunTo(12_000);
        Assert.InRange(pile.FirstTime(s => !s.ContactorCommanded, 11_000) - 11_000, 0, 100);
        var step = ScenarioParser.ParseCommand("lock jam", 12_000, out _)!;
        Assert.Equal("this pile has no plug lock (pile.connector=tethered)", pile.Sim.Refusal(step));
    }
}
