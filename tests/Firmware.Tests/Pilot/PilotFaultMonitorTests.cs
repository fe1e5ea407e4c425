using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Pilot;

/// <summary>A CP short is judged from the line, also while the pile drives state F on it.</summary>
public class PilotFaultMonitorTests
{
    [Fact]
    public void AShortStaysAShortWhileThePileDrivesStateF()
    {
        var monitor = new PilotFaultMonitor(50, 1000);
        monitor.Update(PilotState.E, 0, PilotMode.Pwm, 0, true, 0);
        Assert.True(monitor.Short);
        // the pile answers with state F; a shorted line still reads 0 V (E), only a healthy one reads -12 V (F)
        monitor.Update(PilotState.E, 0, PilotMode.StateF, 0, true, 10);
        Assert.True(monitor.Short);
        monitor.Update(PilotState.F, 0, PilotMode.StateF, -12000, true, 20);
        Assert.False(monitor.Short);
    }

    [Fact]
    public void WithoutARetryDelayAShortIsRaisedOnceNotEveryTwoTicks()
    {
        // fault.pilot.retryDelayS=0 is allowed; the fault used to clear on the tick the pile drove F and rise again
        var pile = new PileHarness("fault.pilot.retryDelayS=0").Charging().At(10_000, "cp short").RunTo(12_000);
        Assert.Single(pile.Faults(Fault.PilotShort), e => e.Flag);
        Assert.Equal(PilotMode.StateF, pile.Board.Pilot.Mode);
        Assert.False(pile.Board.Contactor.Commanded);
    }
}
