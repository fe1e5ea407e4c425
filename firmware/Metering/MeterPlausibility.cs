namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// What a reading must satisfy to be believed: voltages and currents inside physical bounds, an active power that
    /// agrees with them (or, without them, with the pile's rating), a frequency near 50 Hz, and an import total inside
    /// what a meter register holds, that never goes backwards and grows no faster than the pile's maximum power allows
    /// (with slack for the float32 resolution of the register).
    /// </summary>
    public sealed class MeterPlausibility
    {
        public const int MaxVoltageMv = 500000;
        public const int MaxCurrentMa = 200000;
        public const int MinFrequencyMhz = 45000;
        public const int MaxFrequencyMhz = 65000;
        /// <summary>A float32 holding tens of MWh resolves about 1 Wh; allow a few steps of rounding either way.</summary>
        public const long EnergySlackWh = 10;
        /// <summary>The largest import total believed: 10^8 kWh, past what any meter's 8-digit kWh register shows.</summary>
        public const long MaxImportWh = 100000000000;
        /// <summary>What the power may be off by at any level: a meter's resolution and the noise of a few watts at no load.</summary>
        public const int PowerSlackW = 100;
        /// <summary>
        /// Below this voltage x current a low power factor is normal (a vehicle idling, a charger at its last amps): the
        /// power is not held to a share of it.
        /// </summary>
        public const int PowerFactorCheckedFromW = 1000;

        /// <summary>How a profile's power can be checked (<see cref="PowerCheckOf"/>).</summary>
        public const int PowerUnchecked = 0;
        public const int PowerAgainstRating = 1;
        public const int PowerAgainstVoltageTimesCurrent = 2;

        private readonly long _maxPowerW;

        /// <param name="maxPowerW">the most the pile can deliver: phases x rated current x the over-voltage level</param>
        public MeterPlausibility(long maxPowerW)
        {
            _maxPowerW = maxPowerW;
        }

        /// <summary>
        /// Against voltage x current when the profile reads the power and, for each phase whose current it reads, the
        /// voltage; against the rating when it reads the power but no current (nothing else would bound it, and no
        /// over-current supervision depends on its readings); else not at all (a current without its voltage: held to
        /// the physical bounds only, so a real over-current is never refused as implausible).
        /// </summary>
        public static int PowerCheckOf(MeterProfile profile)
        {
            if (profile.FieldFor(MeterQuantity.ActivePower) == null)
                return PowerUnchecked;
            var currents = 0;
            var voltages = 0;
            for (var phase = 0; phase < 3; phase++)
            {
                var current = profile.FieldFor(MeterQuantity.CurrentL1 + phase) != null;
                if (current)
                    currents++;
                if (current && profile.FieldFor(MeterQuantity.VoltageL1 + phase) != null)
                    voltages++;
            }
            if (currents == 0)
                return PowerAgainstRating;
            return voltages == currents ? PowerAgainstVoltageTimesCurrent : PowerUnchecked;
        }

        /// <param name="powerCheck">the profile's <see cref="PowerCheckOf"/></param>
        public MeterHealth CheckInstant(MeterReading reading, int powerCheck)
        {
            if (!InRange(reading.VoltageL1Mv, MaxVoltageMv) || !InRange(reading.VoltageL2Mv, MaxVoltageMv) || !InRange(reading.VoltageL3Mv, MaxVoltageMv))
                return MeterHealth.VoltageOutOfRange;
            if (!InRange(reading.CurrentL1Ma, MaxCurrentMa) || !InRange(reading.CurrentL2Ma, MaxCurrentMa) || !InRange(reading.CurrentL3Ma, MaxCurrentMa))
                return MeterHealth.CurrentOutOfRange;
            var power = CheckPower(reading, powerCheck);
            if (power != MeterHealth.Ok)
                return power;
            if (reading.FrequencyMhz != MeterReading.Absent && (reading.FrequencyMhz < MinFrequencyMhz || reading.FrequencyMhz > MaxFrequencyMhz))
                return MeterHealth.FrequencyOutOfRange;
            if (reading.ImportWh < 0)
                return MeterHealth.EnergyBackwards;
            if (reading.ImportWh > MaxImportWh)
                return MeterHealth.EnergyOutOfRange;
            return MeterHealth.Ok;
        }

        /// <summary>
        /// The power (either sign: a current transformer the wrong way round) against voltage x current: at most a quarter
        /// above it (meter accuracy, and registers sampled a moment apart while the current ramps; a true power is never
        /// above it), and from <see cref="PowerFactorCheckedFromW"/> on at least a quarter of it (a power factor of 0.25).
        /// A unit mistake (W where the profile says kW, or the reverse) is a factor of 1000 either way.
        /// </summary>
        private MeterHealth CheckPower(MeterReading reading, int powerCheck)
        {
            long powerW = reading.ActivePowerW;
            if (powerW < 0)
                powerW = -powerW;
            if (powerCheck == PowerAgainstRating)
                return powerW > _maxPowerW + _maxPowerW / 4 + PowerSlackW ? MeterHealth.PowerOutOfRange : MeterHealth.Ok;
            if (powerCheck != PowerAgainstVoltageTimesCurrent)
                return MeterHealth.Ok;
            var apparentW = ((long)reading.VoltageL1Mv * reading.CurrentL1Ma + (long)reading.VoltageL2Mv * reading.CurrentL2Ma +
                (long)reading.VoltageL3Mv * reading.CurrentL3Ma) / 1000000;
            if (powerW > apparentW + apparentW / 4 + PowerSlackW)
                return MeterHealth.PowerMismatch;
            return apparentW >= PowerFactorCheckedFromW && powerW < apparentW / 4 ? MeterHealth.PowerMismatch : MeterHealth.Ok;
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
