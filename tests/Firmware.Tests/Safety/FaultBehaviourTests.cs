using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>Each safety monitor on the simulated pile: the OCPP code it raises, what it does to the session, how it recovers.</summary>
public class FaultBehaviourTests
{
    [Theory]
    [InlineData("rcd dc 6mA", Fault.ResidualCurrentDc)]
    [InlineData("rcd ac 30mA", Fault.ResidualCurrentAc)]
    public void ResidualCurrentEndsTheSessionAndFaultsTheConnector(string injection, Fault fault)
    {
        var pile = new PileHarness().Charging().At(10_000, injection).RunTo(11_000);
        Assert.True(pile.Faults(fault).Single().Flag);
        Assert.Equal(ErrorCode.GroundFailure, pile.Pile.Error);
        Assert.Equal(ConnectorStatus.Faulted, pile.Pile.Status);
        Assert.Equal(PilotMode.StateF, pile.Pile.PilotMode);
        Assert.Equal(StopReason.Other, pile.OnlyStopReason());
    }

    [Fact]
    public void ResidualCurrentRetriesAfterItsDelayThenLatchesAfterThreeRetries()
    {
        var pile = new PileHarness("fault.rcd.retryDelayS=60").At(0, "plug 32A");
        for (var round = 0; round < 3; round++)
        {
            var t = 10_000 + round * 100_000;
            pile.At(t, "rcd dc 10mA").At(t + 1000, "rcd clear").RunTo(t + 60_990);
            Assert.Equal(ConnectorStatus.Faulted, pile.Pile.Status);
            pile.RunTo(t + 61_100);
            Assert.NotEqual(ConnectorStatus.Faulted, pile.Pile.Status);
        }
        pile.At(400_000, "rcd dc 10mA").At(401_000, "rcd clear").RunTo(2_000_000);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ResidualCurrentDc));
        Assert.Equal(ConnectorStatus.Faulted, pile.Pile.Status);
        pile.At(2_000_100, "faults clear").RunTo(2_001_000);
        Assert.NotEqual(ConnectorStatus.Faulted, pile.Pile.Status);
    }

    [Fact]
    public void BrokenSelfTestNeverLetsTheContactorClose()
    {
        var pile = new PileHarness().At(0, "rcd selftest-broken").At(100, "plug 32A").At(1000, "ev ready").RunTo(600_000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        Assert.Contains(pile.Faults(Fault.ResidualCurrentSelfTest), e => e.Flag);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ResidualCurrentSelfTest));
    }

    [Fact]
    public void EmergencyStopEndsWithItsOwnReasonAndClearsOnRelease()
    {
        var pile = new PileHarness().Charging().At(10_000, "estop press").RunTo(11_000);
        Assert.Equal(StopReason.EmergencyStop, pile.OnlyStopReason());
        Assert.Equal(ErrorCode.OtherError, pile.Pile.Error);
        pile.At(20_000, "estop release").RunTo(21_000);
        Assert.Equal(ConnectorStatus.Finishing, pile.Pile.Status);
        Assert.Equal(ErrorCode.NoError, pile.Pile.Error);
    }

    [Fact]
    public void WeldedContactorLatchesUntilItIsFreeAndCleared()
    {
        var pile = new PileHarness().Charging().At(9_000, "contactor weld").At(10_000, "stop").RunTo(15_000);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ContactorWelded));
        Assert.Equal(ErrorCode.PowerSwitchFailure, pile.Pile.Error);
        Assert.Equal(ConnectorStatus.Faulted, pile.Pile.Status);
        pile.At(16_000, "faults clear");
        Assert.False(pile.Commands("faults clear").Single().Flag);
        pile.At(20_000, "contactor unweld").At(21_000, "faults clear").RunTo(22_000);
        Assert.True(pile.Commands("faults clear").Last().Flag);
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ContactorWelded));
    }

    [Fact]
    public void AContactorThatDoesNotPullInIsAFault()
    {
        var pile = new PileHarness().At(0, "contactor stuck").At(100, "plug 32A").At(1000, "ev ready").RunTo(5000);
        var commanded = pile.FirstTime(s => s.ContactorCommanded);
        Assert.Contains(pile.Faults(Fault.ContactorStuckOpen), e => e.Flag && e.TimeMs - commanded is >= 200 and <= 210);
        Assert.False(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void OverVoltageSuspendsWithoutEndingTheSessionAndResumesAfterTheRetryDelay()
    {
        var pile = new PileHarness().Charging().At(10_000, "grid 270V").RunTo(12_000);
        Assert.Equal(ErrorCode.OverVoltage, pile.Pile.Error);
        Assert.False(pile.Pile.ContactorClosed);
        pile.At(15_000, "grid 220V").RunTo(24_000);
        Assert.False(pile.Pile.ContactorClosed);
        pile.RunTo(30_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Single(pile.SessionStarts());
        Assert.Empty(pile.SessionEnds());
    }

    [Fact]
    public void UnderVoltageCanBeSetToWarnOnWeakFeeders()
    {
        var pile = new PileHarness("fault.undervoltage.action=warn").Charging().At(10_000, "grid 170V").RunTo(20_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(ConnectorStatus.Charging, pile.Pile.Status);
        Assert.Equal(ErrorCode.UnderVoltage, pile.Pile.Error);
    }

    [Fact]
    public void ASupplyOutsideTheWindowKeepsTheContactorOpen()
    {
        // outside the window but not (yet) tripped: the long debounce keeps the fault away, the window alone holds it open
        var pile = new PileHarness("supply.debounceMs=60000").At(0, "grid 268V").At(100, "plug 32A").At(1000, "ev ready").RunTo(5000);
        Assert.Equal(-1, pile.FirstTime(s => s.ContactorCommanded));
        Assert.Empty(pile.Faults(Fault.OverVoltage));
        pile.At(6_000, "grid 230V").RunTo(8_000);
        Assert.True(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void TemperatureDeratesInStepsStopsAndResumesInTheSameSession()
    {
        var pile = new PileHarness().Charging().At(10_000, "temp 66C").RunTo(11_000);
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        pile.At(12_000, "temp 69C").RunTo(13_000);
        Assert.Equal(8_000, pile.Pile.AdvertisedMa);
        pile.At(14_000, "temp 72C").RunTo(17_000);
        Assert.False(pile.Pile.ContactorClosed);
        Assert.Equal(ConnectorStatus.SuspendedEVSE, pile.Pile.Status);
        Assert.Equal(ErrorCode.HighTemperature, pile.Pile.Error);
        pile.At(18_000, "temp 61C").RunTo(20_000);
        Assert.False(pile.Pile.ContactorClosed);
        pile.At(21_000, "temp 59C").RunTo(25_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(32_000, pile.Pile.AdvertisedMa);
        Assert.Single(pile.SessionStarts());
    }

    [Fact]
    public void HotConnectorStopsCharging()
    {
        var pile = new PileHarness().Charging().At(10_000, "temp connector 95C").RunTo(13_000);
        Assert.False(pile.Pile.ContactorClosed);
        Assert.Contains(pile.Faults(Fault.ConnectorOverTemperature), e => e.Flag);
    }

    [Theory]
    [InlineData("cp short", Fault.PilotShort)]
    [InlineData("cp open", Fault.PilotOpen)]
    [InlineData("cp level 7500mV", Fault.PilotInvalid)]
    [InlineData("cp level -12000mV", Fault.PilotInvalid)] // -12 V that the pile is not driving: a fault, not state F
    [InlineData("ev diode-missing", Fault.PilotDiodeMissing)]
    public void PilotFaultsAreEvCommunicationErrors(string injection, Fault fault)
    {
        var pile = new PileHarness().Charging().At(10_000, injection).RunTo(11_000);
        Assert.Contains(pile.Faults(fault), e => e.Flag);
        Assert.Equal(ErrorCode.EVCommunicationError, pile.Pile.Error);
        Assert.Equal(StopReason.Other, pile.OnlyStopReason());
    }

    [Fact]
    public void OverCurrentEndsTheSession()
    {
        var pile = new PileHarness().Charging().At(9_000, "ev disobey").At(10_000, "ev draw 40A").RunTo(18_000); // 5 s + one meter poll
        Assert.Equal(ErrorCode.OverCurrentFailure, pile.Pile.Error);
        Assert.Equal(StopReason.Other, pile.OnlyStopReason());
    }

    [Fact]
    public void VentilationIsChargedOnlyWhenAllowed()
    {
        var refused = new PileHarness().At(0, "plug 32A").At(500, "ev ventilation").At(1000, "ev ready").RunTo(5000);
        Assert.Equal(-1, refused.FirstTime(s => s.ContactorCommanded));
        var allowed = new PileHarness("pilot.ventilation=on").At(0, "plug 32A").At(500, "ev ventilation").At(1000, "ev ready").RunTo(5000);
        Assert.True(allowed.Pile.ContactorClosed);
    }
}
