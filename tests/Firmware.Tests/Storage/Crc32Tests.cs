using ChargeController.Firmware.Storage;
using ChargeController.Loader;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>The CRC every stored record carries must stay CRC-32 (IEEE 802.3), or the flash written before reads as damaged.</summary>
public class Crc32Tests
{
    [Fact]
    public void TheStandardCheckValue()
    {
        var data = System.Text.Encoding.ASCII.GetBytes("..123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 2, 9));
        Assert.Equal(0u, Crc32.Compute(data, 0, 0));
    }

    [Fact]
    public void EqualsTheBitwiseDefinitionOnEveryByteValue()
    {
        var random = new System.Random(11);
        var data = new byte[4096];
        random.NextBytes(data);
        for (var i = 0; i < 256; i++)
            data[i] = (byte)i;
        foreach (var count in new[] { 1, 7, 256, 4096 })
            Assert.Equal(Bitwise(data, count), Crc32.Compute(data, 0, count));
    }

    [Fact]
    public void SealedDataVerifiesAndOneFlippedBitDoesNot()
    {
        var data = new byte[40];
        new System.Random(3).NextBytes(data);
        Crc32.Seal(data, 0, 36);
        Assert.True(Crc32.Verify(data, 0, 40));
        data[17] ^= 0x10;
        Assert.False(Crc32.Verify(data, 0, 40));
    }

    private static uint Bitwise(byte[] data, int count)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = 0; i < count; i++)
        {
            crc ^= data[i];
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
