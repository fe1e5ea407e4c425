using ChargeController.Firmware.Pilot;
using Xunit;

namespace ChargeController.Tests.Pilot;

/// <summary>GB/T 18487.1 duty/current table: 10-85 % I = D x 0.6; 85-90 % I = (D - 64) x 2.5, at most 63 A.</summary>
public class PilotDutyTests
{
    [Theory]
    [InlineData(6000, 100)]
    [InlineData(10000, 166)]
    [InlineData(13000, 216)]
    [InlineData(16000, 266)]
    [InlineData(32000, 533)]
    [InlineData(51000, 850)]
    [InlineData(52000, 850)]  // no upper-band duty at or below 52 A: stay at 51 A
    [InlineData(52750, 851)]
    [InlineData(63000, 892)]
    [InlineData(80000, 892)]  // clamped to the 63 A maximum
    public void DutyFromCurrent(int currentMa, int dutyPermille) =>
        Assert.Equal(dutyPermille, PilotDuty.FromCurrentMa(currentMa));

    [Theory]
    [InlineData(5999)]
    [InlineData(0)]
    [InlineData(-1)]
    public void BelowSixAmpsThereIsNoDuty(int currentMa) =>
        Assert.Equal(0, PilotDuty.FromCurrentMa(currentMa));

    [Theory]
    [InlineData(100, 6000)]
    [InlineData(533, 31980)]
    [InlineData(850, 51000)]
    [InlineData(851, 52750)]
    [InlineData(892, 63000)]
    [InlineData(900, 63000)]
    [InlineData(99, 0)]
    [InlineData(50, 0)]   // 5 %: digital communication, never a charging current
    [InlineData(901, 0)]
    public void CurrentFromDuty(int dutyPermille, int currentMa) =>
        Assert.Equal(currentMa, PilotDuty.ToCurrentMa(dutyPermille));

    [Fact]
    public void AdvertisedCurrentNeverExceedsTheRequest()
    {
        for (var currentMa = PilotDuty.MinimumCurrentMa; currentMa <= PilotDuty.MaximumCurrentMa + 5000; currentMa += 10)
        {
            var advertised = PilotDuty.ToCurrentMa(PilotDuty.FromCurrentMa(currentMa));
            Assert.InRange(advertised, PilotDuty.MinimumCurrentMa, Math.Min(currentMa, PilotDuty.MaximumCurrentMa));
            Assert.True(Math.Min(currentMa, PilotDuty.MaximumCurrentMa) - advertised <= 1750, $"{currentMa} mA advertised as {advertised} mA");
        }
    }
}
