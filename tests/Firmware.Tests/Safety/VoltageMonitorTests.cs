using ChargeController.Firmware.Safety;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>264/176 V on 220 V, 1 s debounce, 6 V hysteresis.</summary>
public class VoltageMonitorTests
{
    private static VoltageMonitor Monitor() => new(264000, 176000, 6000, 1000);

    [Fact]
    public void OverVoltageAfterTheDebounceAndBackOnlyBelowTheHysteresis()
    {
        var monitor = Monitor();
        monitor.Update(265000, 0);
        Assert.False(monitor.Over);
        Assert.False(monitor.InRange);
        monitor.Update(265000, 1000);
        Assert.True(monitor.Over);
        monitor.Update(260000, 1100);
        Assert.True(monitor.Over);
        monitor.Update(257999, 1200);
        Assert.False(monitor.Over);
        Assert.True(monitor.InRange);
    }

    [Fact]
    public void UnderVoltageRecoversAboveTheHysteresis()
    {
        var monitor = Monitor();
        monitor.Update(150000, 0);
        monitor.Update(150000, 1000);
        Assert.True(monitor.Under);
        monitor.Update(180000, 1100);
        Assert.True(monitor.Under);
        monitor.Update(182001, 1200);
        Assert.False(monitor.Under);
    }

    [Fact]
    public void AShortDipDoesNotTrip()
    {
        var monitor = Monitor();
        monitor.Update(150000, 0);
        monitor.Update(150000, 990);
        monitor.Update(220000, 1000);
        monitor.Update(150000, 1010);
        Assert.False(monitor.Under);
    }
}
