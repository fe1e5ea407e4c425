using ChargeController.Firmware.Safety;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>Defaults: 1/2 at 65 C, 1/4 at 68 C, stop at 71 C, full current only below 60 C.</summary>
public class ThermalDeratingTests
{
    [Theory]
    [InlineData(new[] { 250 }, 1, false)]
    [InlineData(new[] { 649 }, 1, false)]
    [InlineData(new[] { 650 }, 2, false)]
    [InlineData(new[] { 680 }, 4, false)]
    [InlineData(new[] { 710 }, 4, true)]
    [InlineData(new[] { 710, 650 }, 4, true)]      // cooling a little does not resume
    [InlineData(new[] { 710, 600 }, 4, true)]      // 60.0 C is not below 60 C
    [InlineData(new[] { 710, 599 }, 1, false)]
    [InlineData(new[] { 650, 640, 620 }, 2, false)] // hysteresis holds the half step too
    [InlineData(new[] { 680, 660 }, 4, false)]
    public void StepsWithHysteresis(int[] temperaturesDeciC, int divisor, bool stopped)
    {
        var derating = new ThermalDerating(650, 680, 710, 600);
        foreach (var t in temperaturesDeciC)
            derating.Update(t);
        Assert.Equal(divisor, derating.Divisor);
        Assert.Equal(stopped, derating.Stopped);
    }
}
