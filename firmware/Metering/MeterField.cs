namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// Where a meter keeps one quantity and how to read it: register address, encoding, and the power of ten that turns
    /// the register's value into the core's unit (a voltage in V becomes mV with 3; DTSU666's 0.1 W units become W with -1).
    /// </summary>
    public sealed class MeterField
    {
        // The profiles' fields live for good and nanoCLR gives every field of an object its own 12-byte block whatever
        // its type: all four values share one int (address in the low 16 bits, then quantity and type 4 bits each, the
        // shift a signed byte on top).
        private readonly int _packed;

        public MeterField(MeterQuantity quantity, ushort address, RegisterType type, int decimalShift)
        {
            if ((int)quantity >> 4 != 0 || (int)type >> 4 != 0 || decimalShift < sbyte.MinValue || decimalShift > sbyte.MaxValue)
                throw new System.ArgumentOutOfRangeException(nameof(decimalShift), "a meter field's quantity, type or shift is out of range");
            _packed = address | ((int)quantity << 16) | ((int)type << 20) | (decimalShift << 24);
        }

        public MeterQuantity Quantity => (MeterQuantity)((_packed >> 16) & 0xF);
        public ushort Address => (ushort)_packed;
        public RegisterType Type => (RegisterType)((_packed >> 20) & 0xF);
        public int DecimalShift => _packed >> 24;

        public ushort RegisterCount => Type == RegisterType.Int16 || Type == RegisterType.UInt16 ? (ushort)1 : (ushort)2;
    }
}
