using ChargeController.Firmware.Metering;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>
/// Every profile decoded from raw register words as the meter sends them. The words are IEEE-754 float32, high word
/// first, written out by hand: 230.0 = 0x4366_0000, 31.98 = 0x41FF_D70A, 7.035 = 0x40E1_1EB8, 50.0 = 0x4248_0000,
/// 1234.567 = 0x449A_5225, 2300.0 = 0x450F_C000, 31980.0 = 0x46F9_D800, 70356.0 = 0x4789_6A00, 5000.0 = 0x459C_4000.
/// </summary>
public class RegisterDecoderTests
{
    private static readonly Dictionary<MeterQuantity, long> OneCar = new()
    {
        [MeterQuantity.VoltageL1] = 230_000,       // mV
        [MeterQuantity.CurrentL1] = 31_980,        // mA
        [MeterQuantity.ActivePower] = 7_035,       // W
        [MeterQuantity.Frequency] = 50_000,        // mHz
        [MeterQuantity.ImportEnergy] = 1_234_567,  // Wh
    };

    private static Dictionary<MeterQuantity, long> Decode(MeterProfile profile, Dictionary<ushort, ushort[]> registers)
    {
        var values = new Dictionary<MeterQuantity, long>();
        foreach (var field in profile.Fields)
        {
            Assert.True(registers.TryGetValue(field.Address, out var words), $"no words for 0x{field.Address:X4}");
            Assert.Equal(MeterHealth.Ok, RegisterDecoder.Decode(words, 0, field, profile.HighWordFirst, out var value));
            values[field.Quantity] = value;
        }
        return values;
    }

    [Fact]
    public void Ddsu666()
    {
        var values = Decode(MeterProfiles.Ddsu666, new()
        {
            [0x2000] = new ushort[] { 0x4366, 0x0000 },  // 230.0 V
            [0x2002] = new ushort[] { 0x41FF, 0xD70A },  // 31.98 A
            [0x2004] = new ushort[] { 0x40E1, 0x1EB8 },  // 7.035 kW
            [0x200E] = new ushort[] { 0x4248, 0x0000 },  // 50.0 Hz
            [0x4000] = new ushort[] { 0x449A, 0x5225 },  // 1234.567 kWh
        });
        Assert.Equal(OneCar, values);
    }

    [Fact]
    public void Dtsu666ScalesTenthsOfVoltsThousandthsOfAmpsTenthsOfWattsHundredthsOfHertz()
    {
        var values = Decode(MeterProfiles.Dtsu666, new()
        {
            [0x2006] = new ushort[] { 0x450F, 0xC000 },  // 2300.0 x 0.1 V
            [0x2008] = new ushort[] { 0x450F, 0xC000 },
            [0x200A] = new ushort[] { 0x450F, 0xC000 },
            [0x200C] = new ushort[] { 0x46F9, 0xD800 },  // 31980.0 x 0.001 A
            [0x200E] = new ushort[] { 0x46F9, 0xD800 },
            [0x2010] = new ushort[] { 0x0000, 0x0000 },  // 0.0: no current on L3
            [0x2012] = new ushort[] { 0x4789, 0x6A00 },  // 70356.0 x 0.1 W
            [0x2014] = new ushort[] { 0xC708, 0xB800 },  // -35000.0 x 0.1 W: L1 exports (a site meter)
            [0x2016] = new ushort[] { 0x4789, 0x6A00 },
            [0x2018] = new ushort[] { 0x0000, 0x0000 },
            [0x2044] = new ushort[] { 0x459C, 0x4000 },  // 5000.0 x 0.01 Hz
            [0x401E] = new ushort[] { 0x449A, 0x5225 },  // 1234.567 kWh
        });
        Assert.Equal(230_000, values[MeterQuantity.VoltageL3]);
        Assert.Equal(31_980, values[MeterQuantity.CurrentL2]);
        Assert.Equal(0, values[MeterQuantity.CurrentL3]);
        Assert.Equal(7_036, values[MeterQuantity.ActivePower]);   // 7035.6 W rounds half away from zero
        Assert.Equal(-3_500, values[MeterQuantity.PowerL1]);      // signed: export
        Assert.Equal(50_000, values[MeterQuantity.Frequency]);
        Assert.Equal(1_234_567, values[MeterQuantity.ImportEnergy]);
    }

    [Fact]
    public void Sdm120ReportsWatts()
    {
        var values = Decode(MeterProfiles.Sdm120, new()
        {
            [0x0000] = new ushort[] { 0x4366, 0x0000 },
            [0x0006] = new ushort[] { 0x41FF, 0xD70A },
            [0x000C] = new ushort[] { 0x45DB, 0xD800 },  // 7035.0 W
            [0x0046] = new ushort[] { 0x4248, 0x0000 },
            [0x0048] = new ushort[] { 0x449A, 0x5225 },
        });
        Assert.Equal(OneCar, values);
    }

    [Fact]
    public void Sdm630ReadsThreePhases()
    {
        var values = Decode(MeterProfiles.Sdm630, new()
        {
            [0x0000] = new ushort[] { 0x4366, 0x0000 },
            [0x0002] = new ushort[] { 0x4366, 0x0000 },
            [0x0004] = new ushort[] { 0x4366, 0x0000 },
            [0x0006] = new ushort[] { 0x41FF, 0xD70A },
            [0x0008] = new ushort[] { 0x41FF, 0xD70A },
            [0x000A] = new ushort[] { 0x41FF, 0xD70A },
            [0x000C] = new ushort[] { 0xC55A, 0xC000 },  // -3500.0 W: L1 exports (a site meter)
            [0x000E] = new ushort[] { 0x45DB, 0xD800 },
            [0x0010] = new ushort[] { 0x45DB, 0xD800 },
            [0x0034] = new ushort[] { 0x45DB, 0xD800 },
            [0x0046] = new ushort[] { 0x4248, 0x0000 },
            [0x0048] = new ushort[] { 0x449A, 0x5225 },
        });
        Assert.Equal(31_980, values[MeterQuantity.CurrentL3]);
        Assert.Equal(-3_500, values[MeterQuantity.PowerL1]);
        Assert.Equal(230_000, values[MeterQuantity.VoltageL2]);
        Assert.Equal(1_234_567, values[MeterQuantity.ImportEnergy]);
    }

    [Fact]
    public void LowWordFirstSwapsTheWords()
    {
        var field = new MeterField(MeterQuantity.VoltageL1, 0, RegisterType.Float32, 3);
        Assert.Equal(MeterHealth.Ok, RegisterDecoder.Decode(new ushort[] { 0x0000, 0x4366 }, 0, field, highWordFirst: false, out var value));
        Assert.Equal(230_000, value);
    }

    [Theory]
    [InlineData(RegisterType.Int32, new ushort[] { 0xFFFF, 0xFF9C }, 0, -100)]
    [InlineData(RegisterType.UInt32, new ushort[] { 0x0012, 0xD687 }, 0, 1_234_567)]
    [InlineData(RegisterType.UInt32, new ushort[] { 0x0001, 0xE240 }, 1, 1_234_560)]   // 123456 x 0.01 kWh = 1234560 Wh
    [InlineData(RegisterType.Int16, new ushort[] { 0xFFFE }, 0, -2)]
    [InlineData(RegisterType.UInt16, new ushort[] { 0x08FC }, 2, 230_000)]            // 2300 x 0.1 V = 230000 mV
    [InlineData(RegisterType.UInt16, new ushort[] { 0x1389 }, -1, 500)]               // 5001 x 0.1 = 500.1 -> 500
    public void IntegerTypesAndShifts(RegisterType type, ushort[] words, int shift, long expected)
    {
        var field = new MeterField(MeterQuantity.ImportEnergy, 0, type, shift);
        Assert.Equal(MeterHealth.Ok, RegisterDecoder.Decode(words, 0, field, highWordFirst: true, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(0x7FC00000u, 3, MeterHealth.NonFinite)]      // NaN
    [InlineData(0x7F800000u, 3, MeterHealth.NonFinite)]      // +infinity
    [InlineData(0xFF800000u, 3, MeterHealth.NonFinite)]      // -infinity
    [InlineData(0x7F7FFFFFu, 3, MeterHealth.ValueOverflow)]  // float.MaxValue: finite, but no meter reads 3.4e38
    [InlineData(0x5A000000u, 3, MeterHealth.ValueOverflow)]  // 2^53: past 2^44
    [InlineData(0x557FFFFFu, 3, MeterHealth.ValueOverflow)]  // just under 2^44 x 1000: past the core's 2^53
    [InlineData(0x557FFFFFu, 6, MeterHealth.ValueOverflow)]  // x 10^6 would not fit a long: never a wrapped, wrong value
    public void NonFiniteAndAbsurdValuesAreRefusedEachByName(uint bits, int shift, MeterHealth expected) =>
        Assert.Equal(expected, RegisterDecoder.ScaleFloat32(bits, shift, out _));

    [Theory]
    [InlineData(0x00000000u, 0)]
    [InlineData(0x80000000u, 0)]        // -0.0
    [InlineData(0xC3660000u, -230000)]  // -230.0
    [InlineData(0x00000001u, 0)]        // the smallest subnormal
    [InlineData(0x3F000000u, 500)]      // 0.5
    public void EdgeValues(uint bits, long expected)
    {
        Assert.Equal(MeterHealth.Ok, RegisterDecoder.ScaleFloat32(bits, 3, out var value));
        Assert.Equal(expected, value);
    }

    /// <summary>An independent reference: the float's exact rational value times 10^shift, rounded half away from zero.</summary>
    private static long ExactlyRounded(uint bits, int shift)
    {
        var exponentBits = (int)((bits >> 23) & 0xFF);
        var mantissa = new System.Numerics.BigInteger(bits & 0x7FFFFF | (exponentBits == 0 ? 0u : 0x800000u));
        var exponent = (exponentBits == 0 ? 1 : exponentBits) - 150;
        var numerator = mantissa * System.Numerics.BigInteger.Pow(10, Math.Max(shift, 0)) * System.Numerics.BigInteger.Pow(2, Math.Max(exponent, 0));
        var denominator = System.Numerics.BigInteger.Pow(10, Math.Max(-shift, 0)) * System.Numerics.BigInteger.Pow(2, Math.Max(-exponent, 0));
        return (long)((2 * numerator + denominator) / (2 * denominator));
    }

    [Fact]
    public void DecodingAgreesWithExactArithmetic()
    {
        var random = new Random(18487);
        for (var i = 0; i < 100_000; i++)
        {
            var f = (float)(random.NextDouble() * 100_000); // positive: the reference rounds up at ties
            var shift = random.Next(-2, 4);
            var bits = BitConverter.SingleToUInt32Bits(f);
            Assert.Equal(MeterHealth.Ok, RegisterDecoder.ScaleFloat32(bits, shift, out var value));
            Assert.Equal(ExactlyRounded(bits, shift), value);
        }
    }
}
