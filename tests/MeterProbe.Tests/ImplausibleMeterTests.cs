using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>
/// A meter that answers, but not in the profile's units: MeterProbe names what is wrong with the firmware's own reason
/// and says what to change, never a generic or a wrong reason.
/// </summary>
public class ImplausibleMeterTests
{
    private const int TimeoutMs = 300;

    /// <summary>A DDSU666 whose power register holds W (the real one holds kW), at 16 A.</summary>
    private static readonly MeterProfile PowerInWatts = new("ddsu666", "CHINT DDSU666", 1, MeterProfile.ReadInput, true, 9600,
        MeterProfiles.Ddsu666.Fields.Select(f => f.Quantity == MeterQuantity.ActivePower ? new MeterField(f.Quantity, f.Address, f.Type, 0) : f).ToArray());

    [Fact]
    public void AMeterGivingWattsWhereTheProfileSaysKilowattsIsAPowerMismatch()
    {
        var bus = new VirtualBus().Meter(PowerInWatts, 1, 20, currentMa: 16_000);
        var report = Probe.Run(new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs), MeterProfiles.Ddsu666, 1);
        Assert.Equal(MeterHealth.PowerMismatch, report.Health);
        var lines = Diagnosis.Lines(report, MeterProfiles.Ddsu666, 1, "9600 8N1", TimeoutMs).ToArray();
        Assert.StartsWith("POWER MISMATCH (power-mismatch): ", lines.Single());
        Assert.Contains("W where it expects kW", lines.Single());
    }

    [Fact]
    public void TheSameMeterWithoutCurrentReadsFine()
    {
        var bus = new VirtualBus().Meter(PowerInWatts, 1, 20);
        Assert.Equal(MeterHealth.Ok, Probe.Run(new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs), MeterProfiles.Ddsu666, 1).Health);
    }

    [Theory]
    [InlineData(MeterHealth.PowerMismatch, "POWER MISMATCH (power-mismatch): ")]
    [InlineData(MeterHealth.PowerOutOfRange, "POWER OUT OF RANGE (power-range): ")]
    [InlineData(MeterHealth.EnergyOutOfRange, "ENERGY OUT OF RANGE (energy-range): the import total is above 100,000,000 kWh")]
    [InlineData(MeterHealth.ValueOverflow, "VALUE OVERFLOW (value-overflow): ")]
    [InlineData(MeterHealth.NonFinite, "IMPLAUSIBLE VALUES (non-finite): ")]
    [InlineData(MeterHealth.CurrentOutOfRange, "IMPLAUSIBLE VALUES (current-range): ")]
    public void EachRefusalIsNamedForWhatIsWrong(MeterHealth health, string start)
    {
        var lines = Diagnosis.Lines(new ProbeReport(health, 0, null, null), MeterProfiles.Ddsu666, 1, "9600 8N1", TimeoutMs).ToArray();
        Assert.StartsWith(start, lines.Single());
    }
}
