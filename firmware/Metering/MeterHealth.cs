namespace ChargeController.Firmware.Metering
{
    /// <summary>The outcome of the last poll: a good reading, or why there was none.</summary>
    public enum MeterHealth
    {
        /// <summary>No poll has finished yet.</summary>
        Unknown,
        Ok,
        Timeout,
        CrcError,
        SlaveException,
        NonFinite,
        VoltageOutOfRange,
        CurrentOutOfRange,
        FrequencyOutOfRange,
        EnergyBackwards,
        EnergyTooFast,
        /// <summary>The profile has no import-energy register (a custom profile left incomplete).</summary>
        ProfileIncomplete,
    }
}
