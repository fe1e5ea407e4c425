using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Hal;

/// <summary>The measurement helpers boards use: plateaus of the pilot's square wave, a resistance behind a pull-up, NTC curves.</summary>
public class MeasurementTests
{
    /// <summary>
    /// A 1 kHz square wave at the given duty, sampled every <paramref name="stepUs"/> from a phase, with edges that take
    /// 10 us and +-3 counts of noise: the ADC counts a burst would see.
    /// </summary>
    private static int[] Burst(int dutyPercent, int highCounts, int lowCounts, int count, int stepUs, int phaseUs, int seed)
    {
        var random = new Random(seed);
        var samples = new int[count];
        for (var i = 0; i < count; i++)
        {
            var t = (phaseUs + i * stepUs) % 1000;
            var highUntil = dutyPercent * 10;
            int level;
            if (t < 10)
                level = lowCounts + (highCounts - lowCounts) * t / 10; // rising edge
            else if (t < highUntil)
                level = highCounts;
            else if (t < highUntil + 10)
                level = highCounts - (highCounts - lowCounts) * (t - highUntil) / 10; // falling edge
            else
                level = lowCounts;
            samples[i] = level + random.Next(-3, 4);
        }
        return samples;
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(90)]
    public void PlateausOfAPwmBurstIgnoreEdgesAndNoise(int duty)
    {
        for (var phase = 0; phase < 1000; phase += 37)
        {
            var samples = Burst(duty, 3000, 400, 64, 47, phase, phase);
            Assert.InRange(SquareWavePlateaus.High(samples, samples.Length, 40), 2997, 3003);
            Assert.InRange(SquareWavePlateaus.Low(samples, samples.Length, 40), 397, 403);
        }
    }

    [Fact]
    public void OnlyTheFirstCountSamplesCount()
    {
        var samples = new[] { 100, 110, 4000 };
        Assert.Equal(110, SquareWavePlateaus.High(samples, 2, 5));
        Assert.Equal(100, SquareWavePlateaus.Low(samples, 2, 5));
        Assert.Equal(105, SquareWavePlateaus.High(samples, 2, 4095)); // a band as wide as the ADC: the mean of the burst
    }

    [Theory]
    [InlineData(1980, 1500)]  // 1.5 kohm coding resistor: 10 A cable
    [InlineData(1336, 680)]   // 16 A
    [InlineData(595, 220)]    // 32 A
    [InlineData(300, 100)]    // 63 A
    [InlineData(0, 0)]
    public void ResistanceBelowAPullUp(int measuredMv, int ohms) =>
        Assert.InRange(PullUpDivider.LowerOhms(measuredMv, 3300, 1000, 150), ohms - 3, ohms + 3);

    [Theory]
    [InlineData(3150)]
    [InlineData(3300)]
    [InlineData(3400)]
    public void NearTheSupplyIsOpen(int measuredMv) =>
        Assert.Equal(ConnectionConfirm.OpenOhms, PullUpDivider.LowerOhms(measuredMv, 3300, 1000, 150));

    private static readonly PiecewiseLinear Falling = new(new[] { 2543, 657, 282 }, new[] { 0, 600, 900 });

    [Theory]
    [InlineData(2543, 0)]
    [InlineData(657, 600)]
    [InlineData(1600, 300)]   // halfway between 2543 and 657
    [InlineData(3000, 0)]     // clamped beyond the first point
    [InlineData(100, 900)]    // and beyond the last
    [InlineData(469, 750)]
    public void FallingCurveInterpolatesAndClamps(int x, int y) => Assert.InRange(Falling.At(x), y - 1, y + 1);

    [Fact]
    public void RisingCurveInterpolates() => Assert.Equal(14, new PiecewiseLinear(new[] { 0, 10, 20 }, new[] { 0, 10, 30 }).At(12));

    [Theory]
    [InlineData(new[] { 1, 2, 2 })]
    [InlineData(new[] { 1, 3, 2 })]
    [InlineData(new[] { 1 })]
    public void CurvePointsMustBeStrictlyMonotonic(int[] x) =>
        Assert.Throws<ArgumentException>(() => new PiecewiseLinear(x, new int[x.Length]));
}
