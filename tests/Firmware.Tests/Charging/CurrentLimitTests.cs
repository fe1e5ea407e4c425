using ChargeController.Firmware.Charging;
using Xunit;

namespace ChargeController.Tests.Charging;

/// <summary>Advertised = min(pile, cable, platform, fallback while the link is lost) / thermal derating; below 6 A pause.</summary>
public class CurrentLimitTests
{
    private const int None = CurrentLimit.NoLimitMa;

    [Theory]
    [InlineData(32000, 32000, None, 6000, false, 1, 32000)]
    [InlineData(32000, 16000, None, 6000, false, 1, 16000)]
    [InlineData(32000, 63000, 20000, 6000, false, 1, 20000)]
    [InlineData(32000, 32000, None, 6000, true, 1, 6000)]
    [InlineData(32000, 32000, 10000, 16000, true, 1, 10000)]
    [InlineData(32000, 32000, None, 6000, false, 2, 16000)]
    [InlineData(32000, 32000, None, 6000, false, 4, 8000)]
    [InlineData(16000, 32000, None, 6000, false, 4, 0)]   // 4 A: pause instead
    [InlineData(32000, 32000, 5999, 6000, false, 1, 0)]
    [InlineData(32000, 32000, None, 0, true, 1, 0)]       // fallback 0: pause while the link is lost
    public void LeastOfAllLimits(int pileMa, int cableMa, int platformMa, int fallbackMa, bool linkLost, int divisor, int expectedMa) =>
        Assert.Equal(expectedMa, CurrentLimit.AdvertisedMa(pileMa, cableMa, platformMa, fallbackMa, linkLost, divisor));
}
