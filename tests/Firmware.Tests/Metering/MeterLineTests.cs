using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>The settings the board reads from the stored config before it opens: the meter's RS485 line and the pilot calibration.</summary>
public class MeterLineTests
{
    private static PileConfig Config(params string[] settings)
    {
        var config = new PileConfig();
        foreach (var setting in settings)
            Assert.Null(config.SetAssignment(setting));
        return config;
    }

    [Fact]
    public void ProfileBaudIsTheMetersFactoryDefault()
    {
        Assert.Equal(9600, MeterSetup.LineBaud(Config()));
        Assert.Equal(9600, MeterSetup.LineBaud(Config("meter.profile=none")));
        Assert.Equal(MeterProfiles.Find("sdm630")!.DefaultBaud, MeterSetup.LineBaud(Config("meter.profile=sdm630")));
    }

    [Theory]
    [InlineData("1200", 1200)]
    [InlineData("19200", 19200)]
    [InlineData("38400", 38400)]
    public void AConfiguredBaudWins(string baud, int expected) => Assert.Equal(expected, MeterSetup.LineBaud(Config("meter.baud=" + baud)));

    [Theory]
    [InlineData("none", SerialParity.None)]
    [InlineData("even", SerialParity.Even)]
    [InlineData("odd", SerialParity.Odd)]
    public void Parity(string parity, SerialParity expected) => Assert.Equal(expected, MeterSetup.LineParity(Config("meter.parity=" + parity)));

    [Fact]
    public void PilotCalibrationDefaultsAreTheReferenceDividersNominalPoints()
    {
        var nominal = PilotCalibration.From(Config());
        Assert.Equal(-12000, nominal.ToMillivolts(357));
        Assert.Equal(12000, nominal.ToMillivolts(3213));
        Assert.Equal(0, nominal.ToMillivolts(1785)); // 0 V reads 1.351 V at the pin (docs/hardware.md)
    }

    [Fact]
    public void PilotCalibrationFollowsTheBoardsMeasuredPoints()
    {
        var measured = PilotCalibration.From(Config("pilot.cal.lowCounts=370", "pilot.cal.lowMv=-11800", "pilot.cal.highCounts=3190", "pilot.cal.highMv=11900"));
        Assert.Equal(-11800, measured.ToMillivolts(370));
        Assert.Equal(11900, measured.ToMillivolts(3190));
    }

    [Fact]
    public void CalibrationPointsOutOfOrderAreRefusedAndCritical()
    {
        var config = Config();
        Assert.Equal("pilot.cal.highCounts must be above pilot.cal.lowCounts", config.SetConsistent("pilot.cal.highCounts=300"));
        Assert.Equal(3213, config.Get(ConfigKeys.PilotCalHighCounts));
        Assert.True(ConfigKeys.PilotCalLowCounts.Critical && ConfigKeys.PilotCalHighMv.Critical);
    }
}
