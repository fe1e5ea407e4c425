using ChargeController.Firmware.Metering;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>The simulated meters encode with integer arithmetic; it must give the float32 the host would.</summary>
public class RegisterEncoderTests
{
    [Theory]
    [InlineData(230_000L, 3)]
    [InlineData(1_234_567L, 3)]
    [InlineData(31_980L, 3)]
    [InlineData(7_036L, -1)]
    [InlineData(-5_000L, 3)]
    [InlineData(1L, 3)]
    public void EncodesTheNearestFloat(long value, int shift)
    {
        var field = new MeterField(MeterQuantity.ImportEnergy, 0, RegisterType.Float32, shift);
        var words = new ushort[2];
        RegisterEncoder.Encode(value, field, true, words, 0);
        var expected = BitConverter.SingleToUInt32Bits((float)((decimal)value / (decimal)Math.Pow(10, shift)));
        Assert.Equal(expected, ((uint)words[0] << 16) | words[1]);
    }

    [Fact]
    public void RoundTripsEveryWattHourBelow16384Kwh()
    {
        var field = new MeterField(MeterQuantity.ImportEnergy, 0, RegisterType.Float32, 3);
        var words = new ushort[2];
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            long wh = random.Next(0, 16_384_000); // below 2^14 kWh a float32 in kWh steps by less than 1 Wh
            RegisterEncoder.Encode(wh, field, true, words, 0);
            Assert.Equal(MeterHealth.Ok, RegisterDecoder.Decode(words, 0, field, true, out var decoded));
            Assert.Equal(wh, decoded);
        }
    }
}
