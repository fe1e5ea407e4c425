namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// What a reading must satisfy to be believed: voltages and currents inside physical bounds, a frequency near 50 Hz,
    /// and an import total that never goes backwards and grows no faster than the pile's maximum power allows (with
    /// slack for the float32 resolution of the register).
    /// </summary>
    public sealed class MeterPlausibility
    {
        public const int MaxVoltageMv = 500000;
        public const int MaxCurrentMa = 200000;
        public const int MinFrequencyMhz = 45000;
        public const int MaxFrequencyMhz = 65000;
        /// <summary>A float32 holding tens of MWh resolves about 1 Wh; allow a few steps of rounding either way.</summary>
        public const long EnergySlackWh = 10;

        private readonly long _maxPowerW;

        /// <param name="maxPowerW">the most the pile can deliver: phases x rated current x the over-voltage level</param>
        public MeterPlausibility(long maxPowerW)
        {
            _maxPowerW = maxPowerW;
        }

        public MeterHealth CheckInstant(MeterReading reading)
        {
            if (!InRange(reading.VoltageL1Mv, MaxVoltageMv) || !InRange(reading.VoltageL2Mv, MaxVoltageMv) || !InRange(reading.VoltageL3Mv, MaxVoltageMv))
                return MeterHealth.VoltageOutOfRange;
            if (!InRange(reading.CurrentL1Ma, MaxCurrentMa) || !InRange(reading.CurrentL2Ma, MaxCurrentMa) || !InRange(reading.CurrentL3Ma, MaxCurrentMa))
                return MeterHealth.CurrentOutOfRange;
            if (reading.FrequencyMhz != MeterReading.Absent && (reading.FrequencyMhz < MinFrequencyMhz || reading.FrequencyMhz > MaxFrequencyMhz))
                return MeterHealth.FrequencyOutOfRange;
            if (reading.ImportWh < 0)
                return MeterHealth.EnergyBackwards;
            return MeterHealth.Ok;
        }

        /// <summary>Checks the import total against the last accepted reading.</summary>
        public MeterHealth CheckEnergy(long previousWh, long previousMs, long nowWh, long nowMs)
        {
            // Rounding a rising total to float32 never makes it fall, so any fall is a fault, not noise.
            if (nowWh < previousWh)
                return MeterHealth.EnergyBackwards;
            // Wh = W x ms / 3,600,000; allow the slack on top for register rounding
            var allowedWh = _maxPowerW * (nowMs - previousMs) / 3600000 + EnergySlackWh;
            return nowWh - previousWh > allowedWh ? MeterHealth.EnergyTooFast : MeterHealth.Ok;
        }

        private static bool InRange(int value, int max) => value >= 0 && value <= max;
    }
}
