namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// Where a meter keeps one quantity and how to read it: register address, encoding, and the power of ten that turns
    /// the register's value into the core's unit (a voltage in V becomes mV with 3; DTSU666's 0.1 W units become W with -1).
    /// </summary>
    public sealed class MeterField
    {
        public MeterField(MeterQuantity quantity, ushort address, RegisterType type, int decimalShift)
        {
            Quantity = quantity;
            Address = address;
            Type = type;
            DecimalShift = decimalShift;
        }

        public MeterQuantity Quantity { get; }
        public ushort Address { get; }
        public RegisterType Type { get; }
        public int DecimalShift { get; }

        public ushort RegisterCount => Type == RegisterType.Int16 || Type == RegisterType.UInt16 ? (ushort)1 : (ushort)2;
    }
}
