namespace ChargeController.Firmware.Metering
{
    /// <summary>How a quantity is encoded in one or two 16-bit registers.</summary>
    public enum RegisterType
    {
        Float32,
        Int32,
        UInt32,
        Int16,
        UInt16,
    }
}
