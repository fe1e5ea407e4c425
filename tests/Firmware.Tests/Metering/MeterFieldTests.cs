using ChargeController.Firmware.Metering;
using Xunit;

namespace ChargeController.Tests.Metering;

/// <summary>A meter field packs its four values into one int (nanoCLR's 12 bytes a field): each must come back as given.</summary>
public class MeterFieldTests
{
    [Theory]
    [InlineData(MeterQuantity.VoltageL1, 0, RegisterType.Float32, 0)]
    [InlineData(MeterQuantity.Frequency, 0xFFFF, RegisterType.UInt16, -1)]
    [InlineData(MeterQuantity.ActivePower, 0x8000, RegisterType.Int32, -128)]
    [InlineData(MeterQuantity.ImportEnergy, 0x401E, RegisterType.UInt32, 127)]
    public void EveryValueComesBack(MeterQuantity quantity, int address, RegisterType type, int shift)
    {
        var field = new MeterField(quantity, (ushort)address, type, shift);
        Assert.Equal((quantity, (ushort)address, type, shift), (field.Quantity, field.Address, field.Type, field.DecimalShift));
    }

    [Fact]
    public void AShiftBeyondASignedByteIsRefused()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new MeterField(MeterQuantity.VoltageL1, 0, RegisterType.Float32, 128));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new MeterField(MeterQuantity.VoltageL1, 0, RegisterType.Float32, -129));
    }
}
