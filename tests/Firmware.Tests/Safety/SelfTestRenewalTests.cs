using ChargeController.Firmware.Safety;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>
/// A passed residual-current self-test is spent by a residual-current trip and by every fault that stopped charging and
/// has cleared: the next close waits for a new pass, judged from the test current the board saw.
/// </summary>
public class SelfTestRenewalTests
{
    // What stops the session, and what takes it away again.
    public static TheoryData<string, string> Interruptions => new()
    {
        { "rcd ac 40mA", "rcd clear" },
        { "rcd dc 10mA", "rcd clear" },
        { "estop press", "estop release" },
        { "cp short", "cp restore" },
    };

    private static PileHarness Interrupted(string cause, string cure, bool deviceBreaks)
    {
        var pile = new PileHarness("auth.mode=platform", "fault.rcd.retryDelayS=5", "fault.pilot.retryDelayS=5")
            .At(0, "authorize T1").Charging();
        if (deviceBreaks)
            pile.At(10_000, "rcd selftest-broken");
        pile.At(11_000, cause).At(12_000, cure).RunTo(20_000);
        pile.At(20_000, "authorize T2").RunTo(40_000);
        return pile;
    }

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void ABrokenSelfTestAfterAnInterruptionKeepsTheContactorOpen(string cause, string cure)
    {
        var pile = Interrupted(cause, cure, deviceBreaks: true);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded, 11_200));
        Assert.Contains(pile.Faults(Fault.ResidualCurrentSelfTest), e => e.Flag);
    }

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void AfterAnInterruptionTheDeviceIsTestedAgainBeforeTheNextClose(string cause, string cure)
    {
        var pile = new PileHarness("auth.mode=platform", "fault.rcd.retryDelayS=5", "fault.pilot.retryDelayS=5")
            .At(0, "authorize T1").Charging();
        var testsBefore = pile.Board.ResidualCurrent.TestsPassed;
        pile.At(11_000, cause).At(12_000, cure).RunTo(20_000).At(20_000, "authorize T2").RunTo(40_000);
        Assert.NotEqual(-1, pile.FirstTime(s => s.ContactorCommanded, 20_000));
        Assert.True(pile.Board.ResidualCurrent.TestsPassed > testsBefore, "a new self-test passed before the close");
    }

    /// <summary>
    /// A pass serves one session: a second session on the same plug-in (a stop, then a new authorisation) waits for a
    /// new test, which a device that no longer trips fails.
    /// </summary>
    [Theory]
    [InlineData("auth.mode=free")]
    [InlineData("auth.mode=platform")]
    public void ASecondSessionOnTheSamePlugInIsTestedFirst(string mode)
    {
        var pile = new PileHarness(mode).At(0, "authorize T1").Charging();
        var passedWhileCharging = pile.Board.ResidualCurrent.TestsPassed;
        pile.At(10_000, "stop").At(20_000, "authorize T2").RunTo(30_000);
        Assert.NotEqual(-1, pile.FirstTime(s => s.ContactorCommanded, 20_000));
        Assert.Equal(passedWhileCharging + 1, pile.Board.ResidualCurrent.TestsPassed); // one test between the sessions
        Assert.Equal(2, pile.SessionStarts().Count());

        var broken = new PileHarness(mode).At(0, "authorize T1").Charging().At(9_000, "rcd selftest-broken").At(10_000, "stop")
            .At(20_000, "authorize T2").RunTo(30_000);
        Assert.Equal(-1, broken.FirstTime(s => s.ContactorCommanded, broken.ContactorAt(false, 10_000)));
        Assert.Contains(broken.Faults(Fault.ResidualCurrentSelfTest), e => e.Flag);
    }
}
