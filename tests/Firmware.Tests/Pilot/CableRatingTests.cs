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
    [InlineData(int.MaxValue, CableRating.Open)]
    [InlineData(10001, CableRating.Open)]
    [InlineData(5000, CableRating.Invalid)]   // no cable codes this
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
