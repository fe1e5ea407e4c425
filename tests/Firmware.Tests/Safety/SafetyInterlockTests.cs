using ChargeController.Firmware.Safety;
using ChargeController.Sim.Board;
using Xunit;

namespace ChargeController.Tests.Safety;

public class SafetyInterlockTests
{
    [Fact]
    public void TheSafetyLoopCanOnlyOpenAndItsOpeningHoldsUntilTheCoreCommandsOpen()
    {
        var contactor = new SimContactor();
        var interlock = new SafetyInterlock(contactor);
        interlock.Trip(SafetyCause.Pilot);
        Assert.False(interlock.OpenedBySafetyLoop); // open already: nothing to trip
        interlock.Command(true);
        Assert.True(contactor.Commanded);
        Assert.True(interlock.HeldClosed);

        interlock.Trip(SafetyCause.Plug);
        Assert.False(contactor.Commanded);
        Assert.True(interlock.OpenedBySafetyLoop);
        Assert.Equal(SafetyCause.Plug, interlock.Cause);
        interlock.Trip(SafetyCause.EmergencyStop); // a second cause in the same pass: the first one stands
        Assert.Equal(SafetyCause.Plug, interlock.Cause);
        interlock.Command(true); // a close that did not go through an open first
        Assert.False(contactor.Commanded);

        interlock.Command(false);
        Assert.False(interlock.OpenedBySafetyLoop);
        interlock.Command(true); // the core's fresh decision
        Assert.True(contactor.Commanded);
    }
}
