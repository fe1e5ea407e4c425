using ChargeController.Firmware.Pilot;
using Xunit;

namespace ChargeController.Tests.Pilot;

/// <summary>GB/T 18487.1 windows for A/B/C (+-0.8 V), IEC bands for D/E/F, Invalid between windows.</summary>
public class PilotClassifierTests
{
    [Theory]
    [InlineData(12800, PilotState.A)]
    [InlineData(12000, PilotState.A)]
    [InlineData(11200, PilotState.A)]
    [InlineData(11199, PilotState.Invalid)]
    [InlineData(12801, PilotState.Invalid)]
    [InlineData(9800, PilotState.B)]
    [InlineData(8978, PilotState.B)]
    [InlineData(8200, PilotState.B)]
    [InlineData(8199, PilotState.Invalid)]
    [InlineData(9801, PilotState.Invalid)]
    [InlineData(6800, PilotState.C)]
    [InlineData(5992, PilotState.C)]
    [InlineData(5200, PilotState.C)]
    [InlineData(5199, PilotState.Invalid)]
    [InlineData(4000, PilotState.D)]
    [InlineData(2923, PilotState.D)]
    [InlineData(2000, PilotState.D)]
    [InlineData(1999, PilotState.Invalid)]
    [InlineData(1000, PilotState.E)]
    [InlineData(0, PilotState.E)]
    [InlineData(-1000, PilotState.E)]
    [InlineData(-1001, PilotState.Invalid)]
    [InlineData(-10999, PilotState.Invalid)]
    [InlineData(-10000, PilotState.Invalid)]
    [InlineData(-9000, PilotState.Invalid)]
    [InlineData(-11000, PilotState.F)]
    [InlineData(-12000, PilotState.F)]
    [InlineData(-13000, PilotState.F)]
    [InlineData(-13001, PilotState.Invalid)]
    [InlineData(7500, PilotState.Invalid)]
    public void ClassifiesHighLevel(int highLevelMv, PilotState expected) =>
        Assert.Equal(expected, PilotClassifier.Classify(highLevelMv));

    [Theory]
    [InlineData(-12000, true)]
    [InlineData(-11000, true)]
    [InlineData(-10999, false)]
    [InlineData(-8791, false)]   // no diode: the vehicle's resistors load the negative half
    [InlineData(0, false)]
    public void DiodeCheck(int lowLevelMv, bool present) =>
        Assert.Equal(present, PilotClassifier.DiodePresent(lowLevelMv));
}
