using ChargeController.Firmware.Pilot;
using ChargeController.Hal;
using ChargeController.Sim.Board;
using Xunit;

namespace ChargeController.Tests.Pilot;

public class CableRatingTests
{
    [Theory]
    [InlineData(1500, 10000)]
    [InlineData(680, 16000)]
    [InlineData(220, 32000)]
    [InlineData(100, 63000)]
    [InlineData(1455, 10000)]  // -3 %
    [InlineData(1545, 10000)]  // +3 %
    [InlineData(660, 16000)]
    [InlineData(700, 16000)]
    [InlineData(213, 32000)]
    [InlineData(227, 32000)]
    [InlineData(97, 63000)]
    [InlineData(103, 63000)]
    // the edges: neighbours meet at the geometric mean of their nominal values, the outer bands mirror it
    [InlineData(66, CableRating.Invalid)]    // below the 63 A band: a CC wire shorting towards PE, not a bigger cable
    [InlineData(67, 63000)]
    [InlineData(147, 63000)]
    [InlineData(148, 32000)]                 // sqrt(220 x 100)
    [InlineData(386, 32000)]
    [InlineData(387, 16000)]                 // sqrt(680 x 220)
    [InlineData(1009, 16000)]
    [InlineData(1010, 10000)]                // sqrt(1500 x 680)
    [InlineData(2227, 10000)]
    [InlineData(2228, CableRating.Invalid)]  // 1500 x sqrt(1500 / 680): no cable codes this, up to open
    [InlineData(5000, CableRating.Invalid)]
    [InlineData(10000, CableRating.Invalid)]
    [InlineData(10001, CableRating.Open)]
    [InlineData(int.MaxValue, CableRating.Open)]
    [InlineData(20, CableRating.Invalid)]     // CC shorted to PE
    public void DecodesCodingResistor(int ohms, int ratedMa) =>
        Assert.Equal(ratedMa, CableRating.FromOhms(ohms));

    [Theory]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(63)]
    public void NominalResistorDecodesToItsRating(int amps) =>
        Assert.Equal(amps * 1000, CableRating.FromOhms(CableCoding.NominalOhms(amps)));

    [Fact]
    public void UnknownRatingHasNoResistor() => Assert.Equal(ConnectionConfirm.OpenOhms, CableCoding.NominalOhms(20));
}
