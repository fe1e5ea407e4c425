using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>
/// The safety loop (its own thread, before the control work in every round of the simulator) opens the contactor on its
/// own within 100 ms when the control loop is hung, for each cause, judged from the simulated board; and with a control
/// loop that keeps its period the core always opens first, so the safety loop never shows.
/// </summary>
public class SafetyLoopTests
{
    private const int OpenWithinMs = 100;
    private const long CauseAtMs = 10_000;

    /// <summary>Each cause as the board shows it: a scenario verb, or the CC contact alone (the pilot still reads C).</summary>
    public static readonly TheoryData<string, SafetyCause> Causes = new()
    {
        { "cc open", SafetyCause.Plug },
        { "unplug", SafetyCause.Pilot }, // CC and the pilot go together, with the same hold: the pilot is looked at first
        { "cp open", SafetyCause.Pilot }, // the pilot reads A
        { "cp short", SafetyCause.Pilot },
        { "cp level 7500mV", SafetyCause.Pilot }, // between B and C: no valid state, the core's CP fault takes 50 ms
        { "rcd ac 40mA", SafetyCause.ResidualCurrent },
        { "rcd dc 8mA", SafetyCause.ResidualCurrent },
        { "estop press", SafetyCause.EmergencyStop },
    };

    private static PileHarness Cause(PileHarness pile, string cause)
    {
        if (cause == "cc open")
        {
            pile.RunTo(CauseAtMs - 1);
            pile.Board.Sensors.CcOpen = true;
            return pile;
        }
        return pile.At(CauseAtMs, cause);
    }

    [Theory]
    [MemberData(nameof(Causes))]
    public void WithTheControlLoopHungTheSafetyLoopAloneOpensWithin100Ms(string cause, SafetyCause expected)
    {
        var pile = Cause(new PileHarness().Charging().At(CauseAtMs, "hang 300ms"), cause).RunTo(CauseAtMs + 1000);
        var opened = pile.FirstTime(s => !s.ContactorCommanded && !s.Conducting, CauseAtMs);
        Assert.InRange(opened - CauseAtMs, 0, OpenWithinMs);
        Assert.True(opened < CauseAtMs + 300, "opened while the control loop was still hung");
        Assert.Empty(pile.Of(EventKind.Watchdog)); // within the stall limit: no reboot, the core takes over again
        var seen = Assert.Single(pile.Of(EventKind.SafetyLoop));
        Assert.Equal(expected, (SafetyCause)seen.Code);
        Assert.Equal(CauseAtMs + 300, seen.TimeMs); // the core's first tick after the hang records it, and commands open
        Assert.Equal(CauseAtMs + 300, pile.ContactorAt(false, CauseAtMs));
        // the contact the core still held closed opened under it: the safety loop's doing, not a contactor stuck open
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ContactorStuckOpen), "the safety loop's opening latched stuck-open");
    }

    [Theory]
    [MemberData(nameof(Causes))]
    public void WithTheControlLoopOnTimeTheCoreOpensFirstAndTheSafetyLoopNeverShows(string cause, SafetyCause _)
    {
        var pile = Cause(new PileHarness().Charging(), cause).RunTo(CauseAtMs + 1000);
        var opened = pile.FirstTime(s => !s.ContactorCommanded, CauseAtMs);
        Assert.InRange(opened - CauseAtMs, 0, OpenWithinMs);
        Assert.Equal(opened, pile.ContactorAt(false, CauseAtMs)); // the core's own command, in the same round
        Assert.Empty(pile.Of(EventKind.SafetyLoop));
    }

    /// <summary>A cause gone again before the control loop is back leaves the contactor open: only the core may close it.</summary>
    [Fact]
    public void ATripHoldsUntilTheCoreItselfHasOpened()
    {
        var pile = new PileHarness().Charging().At(CauseAtMs, "hang 400ms").At(CauseAtMs, "estop press")
            .At(CauseAtMs + 100, "estop release").RunTo(CauseAtMs + 390);
        Assert.DoesNotContain(pile.Snapshots, s => s.TimeMs >= CauseAtMs + 30 && s.ContactorCommanded);
        pile.RunTo(CauseAtMs + 5000);
        Assert.Equal(CauseAtMs + 400, pile.ContactorAt(false, CauseAtMs));
        Assert.Equal(SafetyCause.EmergencyStop, (SafetyCause)Assert.Single(pile.Of(EventKind.SafetyLoop)).Code);
    }

    [Fact]
    public void TheHoldsExceedTheCoresOwnTimesByATick()
    {
        var loop = new PileHarness().RunTo(100).Sim.Runtime.SafetyLoop;
        Assert.Equal(40, loop.PilotHoldMs); // the pilot's 30 ms debounce and a tick
        Assert.Equal(60, loop.InvalidPilotHoldMs); // the CP fault's 50 ms and a tick
        Assert.Equal(40, loop.PlugHoldMs); // the cable debounce's 30 ms and a tick
        Assert.Equal(20, loop.TripHoldMs);
    }

    /// <summary>Readings outside every window between C and B do not make the core's debounce start again, nor the safety loop's.</summary>
    [Fact]
    public void APilotPassingThroughNoValidStateStillLeavesTheCoreFirst()
    {
        var pile = new PileHarness().Charging().At(CauseAtMs, "cp level 7500mV").At(CauseAtMs + 40, "cp level 9000mV").RunTo(CauseAtMs + 1000);
        Assert.Empty(pile.Of(EventKind.SafetyLoop));
        Assert.InRange(pile.ContactorAt(false, CauseAtMs) - CauseAtMs, 0, OpenWithinMs);
    }
}
