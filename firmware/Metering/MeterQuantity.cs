namespace ChargeController.Firmware.Metering
{
    /// <summary>What a meter register holds, in the unit the core uses for it.</summary>
    public enum MeterQuantity
    {
        /// <summary>mV, phase L1 (the only phase of a single-phase meter)</summary>
        VoltageL1,
        VoltageL2,
        VoltageL3,
        /// <summary>mA</summary>
        CurrentL1,
        CurrentL2,
        CurrentL3,
        /// <summary>W, total</summary>
        ActivePower,
        /// <summary>Wh, total imported</summary>
        ImportEnergy,
        /// <summary>mHz</summary>
        Frequency,
    }
}
