using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Hal;

/// <summary>A board measured at -12 V = 310 counts and +12 V = 3790 counts (12-bit ADC behind a divider).</summary>
public class LinearCalibrationTests
{
    private static readonly LinearCalibration Board = new(310, -12000, 3790, 12000);

    [Theory]
    [InlineData(310, -12000)]
    [InlineData(3790, 12000)]
    [InlineData(2050, 0)]
    [InlineData(2920, 6000)]
    [InlineData(0, -14137)]   // beyond the calibration points it extrapolates
    public void CountsToMillivolts(int counts, int millivolts) => Assert.Equal(millivolts, Board.ToMillivolts(counts));

    [Fact]
    public void PointsMustRise() => Assert.Throws<ArgumentException>(() => new LinearCalibration(100, 0, 100, 1000));
}
