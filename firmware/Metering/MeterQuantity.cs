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
        /// <summary>W, phase L1, signed: negative when the phase exports (a site meter tells import from export by it)</summary>
        PowerL1,
        PowerL2,
        PowerL3,
    }
}
