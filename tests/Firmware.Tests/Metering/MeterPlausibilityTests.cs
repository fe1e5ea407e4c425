using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>
/// What the poller believes of a meter's answer, register by register: the power against voltage x current and the
/// pile's rating, the import total against a register's largest value, and each refusal named for what is wrong.
/// </summary>
public class MeterPlausibilityTests
{
    /// <summary>A 3-phase 32 A pile: phases x rated current x the 264 V over-voltage level.</summary>
    private const long RatedW = 3 * 32 * 264;

    /// <summary>A meter whose registers hold what the test sets: core units, encoded as its profile says; raw bits where given.</summary>
    private sealed class RegisterMeter(MeterProfile profile) : IModbusMaster
    {
        public readonly Dictionary<MeterQuantity, long> Values = new()
        {
            [MeterQuantity.VoltageL1] = 230_000, [MeterQuantity.VoltageL2] = 230_000, [MeterQuantity.VoltageL3] = 230_000,
            [MeterQuantity.CurrentL1] = 16_000, [MeterQuantity.CurrentL2] = 16_000, [MeterQuantity.CurrentL3] = 16_000,
            [MeterQuantity.ActivePower] = profile.Phases * 3_680, [MeterQuantity.ImportEnergy] = 1_234_567,
            [MeterQuantity.Frequency] = 50_000,
            [MeterQuantity.PowerL1] = 3_680, [MeterQuantity.PowerL2] = 3_680, [MeterQuantity.PowerL3] = 3_680,
        };

        public readonly Dictionary<MeterQuantity, uint> RawBits = new();

        public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            ReadInputRegisters(slave, start, count, into, out exceptionCode);

        public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            exceptionCode = 0;
            var words = new ushort[2];
            for (var i = 0; i < count; i++)
            {
                var field = profile.Fields.Single(f => start + i >= f.Address && start + i < f.Address + f.RegisterCount);
                if (RawBits.TryGetValue(field.Quantity, out var bits))
                    RegisterEncoder.Store(bits, field, profile.HighWordFirst, words, 0);
                else
                    RegisterEncoder.Encode(Values[field.Quantity], field, profile.HighWordFirst, words, 0);
                into[i] = words[start + i - field.Address];
            }
            return ModbusStatus.Ok;
        }

        public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode) =>
            throw new NotSupportedException();
    }

    private static MeterPoller Polled(MeterProfile profile, Action<RegisterMeter> answer)
    {
        var meter = new RegisterMeter(profile);
        answer(meter);
        var poller = new MeterPoller(meter, profile, 1, new MeterPlausibility(RatedW), 1000, 10_000);
        poller.Poll(0);
        return poller;
    }

    private static MeterHealth Health(MeterProfile profile, Action<RegisterMeter> answer) => Polled(profile, answer).Health;

    /// <summary>Power and energy registers only (a custom profile): nothing to check the power against but the rating.</summary>
    private static readonly MeterProfile PowerAndEnergyOnly = new("custom", "custom meter", 3, MeterProfile.ReadInput, true, 9600, new[]
    {
        new MeterField(MeterQuantity.ActivePower, 0x0034, RegisterType.Float32, 0),
        new MeterField(MeterQuantity.ImportEnergy, 0x0048, RegisterType.Float32, 3),
    });

    [Theory]
    [InlineData("ddsu666")]
    [InlineData("dtsu666")]
    [InlineData("sdm120")]
    [InlineData("sdm630")]
    public void ATrueReadingPasses(string name)
    {
        var profile = MeterProfiles.Find(name)!;
        Assert.Equal(MeterHealth.Ok, Health(profile, _ => { }));
        Assert.Equal(MeterHealth.Ok, Health(profile, m => m.Values[MeterQuantity.ActivePower] = profile.Phases * 3_680 * 3 / 10)); // power factor 0.3
        Assert.Equal(MeterHealth.Ok, Health(profile, m =>
        {
            foreach (var current in new[] { MeterQuantity.CurrentL1, MeterQuantity.CurrentL2, MeterQuantity.CurrentL3 })
                m.Values[current] = 200;
            m.Values[MeterQuantity.ActivePower] = 0; // the vehicle idles: a little current, no real power
        }));
    }

    [Fact]
    public void PowerInWattsWhereTheProfileSaysKilowattsIsAMismatch()
    {
        // the DDSU666's power register holds kW: a meter that puts 3680.0 (W) there reads 3,680 kW
        var poller = Polled(MeterProfiles.Ddsu666, m => m.RawBits[MeterQuantity.ActivePower] = BitConverter.SingleToUInt32Bits(3680f));
        Assert.Equal(MeterHealth.PowerMismatch, poller.Health);
        Assert.Null(poller.Latest);
        Assert.Equal(1, poller.CountOf(MeterHealth.PowerMismatch));
        Assert.True(poller.AnsweredImplausibly);
    }

    [Fact]
    public void PowerInKilowattsWhereTheProfileSaysWattsIsAMismatch()
    {
        // the SDM120's power register holds W: 3.68 (kW) there reads 4 W at 16 A and 230 V
        Assert.Equal(MeterHealth.PowerMismatch, Health(MeterProfiles.Sdm120, m => m.RawBits[MeterQuantity.ActivePower] = BitConverter.SingleToUInt32Bits(3.68f)));
    }

    [Theory]
    [InlineData(RatedW * 5 / 4 + MeterPlausibility.PowerSlackW, MeterHealth.Ok)]
    [InlineData(RatedW * 5 / 4 + MeterPlausibility.PowerSlackW + 1, MeterHealth.PowerOutOfRange)]
    [InlineData(-(RatedW * 5 / 4 + MeterPlausibility.PowerSlackW + 1), MeterHealth.PowerOutOfRange)]
    public void WithoutVoltageAndCurrentThePowerIsHeldToTheRating(long powerW, MeterHealth expected) =>
        Assert.Equal(expected, Health(PowerAndEnergyOnly, m => m.Values[MeterQuantity.ActivePower] = powerW));

    [Theory]
    [InlineData(3 * 3_680 * 5 / 4 + MeterPlausibility.PowerSlackW, MeterHealth.Ok)]
    [InlineData(3 * 3_680 * 5 / 4 + MeterPlausibility.PowerSlackW + 1, MeterHealth.PowerMismatch)]
    [InlineData(-(3 * 3_680 * 5 / 4 + MeterPlausibility.PowerSlackW + 1), MeterHealth.PowerMismatch)]
    [InlineData(3 * 3_680 / 4, MeterHealth.Ok)]
    [InlineData(3 * 3_680 / 4 - 1, MeterHealth.PowerMismatch)]
    public void ThePowerAgreesWithVoltageTimesCurrentWithinItsTolerances(long powerW, MeterHealth expected) =>
        Assert.Equal(expected, Health(MeterProfiles.Dtsu666, m => m.Values[MeterQuantity.ActivePower] = powerW));

    [Fact]
    public void BelowAKilowattOfVoltageTimesCurrentAnyPowerFactorPasses()
    {
        // 4 A at 230 V (920 VA) and no real power: a low power factor, not a wrong unit
        Assert.Equal(MeterHealth.Ok, Health(MeterProfiles.Ddsu666, m =>
        {
            m.Values[MeterQuantity.CurrentL1] = 4_000;
            m.Values[MeterQuantity.ActivePower] = 0;
        }));
    }

    [Fact]
    public void APowerBeyondWhatTheCoreCanHoldIsPowerRangeNotCurrentRange() =>
        Assert.Equal(MeterHealth.PowerOutOfRange, Health(MeterProfiles.Sdm630, m => m.RawBits[MeterQuantity.ActivePower] = BitConverter.SingleToUInt32Bits(3e9f)));

    [Fact]
    public void AHugeFiniteValueIsAnOverflowNotNonFinite()
    {
        Assert.Equal(MeterHealth.ValueOverflow, Health(MeterProfiles.Sdm630, m => m.RawBits[MeterQuantity.VoltageL1] = 0x7F7FFFFF)); // float.MaxValue
        Assert.Equal(MeterHealth.NonFinite, Health(MeterProfiles.Sdm630, m => m.RawBits[MeterQuantity.VoltageL1] = 0x7FC00000)); // NaN
        Assert.Equal(MeterHealth.NonFinite, Health(MeterProfiles.Sdm630, m => m.RawBits[MeterQuantity.ImportEnergy] = 0xFF800000)); // -infinity
    }

    [Theory]
    [InlineData(MeterPlausibility.MaxImportWh, MeterHealth.Ok)]
    [InlineData(MeterPlausibility.MaxImportWh + 1_000_000, MeterHealth.EnergyOutOfRange)]
    [InlineData(300_000_000_000_000, MeterHealth.EnergyOutOfRange)] // 3e11 kWh
    public void TheImportTotalIsBoundedByARegistersLargestValue(long wh, MeterHealth expected)
    {
        var profile = new MeterProfile("custom", "custom meter", 1, MeterProfile.ReadInput, true, 9600, new[]
        {
            new MeterField(MeterQuantity.ImportEnergy, 0, RegisterType.UInt32, 6), // whole MWh: exact at the edge
        });
        Assert.Equal(expected, Health(profile, m => m.Values[MeterQuantity.ImportEnergy] = wh));
    }

    [Fact]
    public void ThreeHundredBillionKilowattHoursInAFloatRegisterAreRefused() =>
        Assert.Equal(MeterHealth.EnergyOutOfRange, Health(MeterProfiles.Ddsu666, m => m.RawBits[MeterQuantity.ImportEnergy] = BitConverter.SingleToUInt32Bits(3e11f)));
}
