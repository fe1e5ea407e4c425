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
        /// <summary>A register holds NaN or an infinity.</summary>
        NonFinite,
        /// <summary>A register holds a finite number too large for any meter (and for the core's units): wrong word order or type.</summary>
        ValueOverflow,
        VoltageOutOfRange,
        CurrentOutOfRange,
        /// <summary>The active power is beyond what the pile can draw (checked this way when the meter gives no current to check it against).</summary>
        PowerOutOfRange,
        /// <summary>The active power disagrees with voltage x current: the power register's unit is not what the profile says (W for kW).</summary>
        PowerMismatch,
        FrequencyOutOfRange,
        /// <summary>The import total is beyond any meter register's largest value.</summary>
        EnergyOutOfRange,
        EnergyBackwards,
        EnergyTooFast,
        /// <summary>The profile has no import-energy register (a custom profile left incomplete).</summary>
        ProfileIncomplete,
    }
}
