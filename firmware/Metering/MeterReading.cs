namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// One plausible reading of the meter, in core units. The poller fills a spare instance and then publishes it; a
    /// published reading is not written again until two newer ones have been published, so the control thread can read
    /// it during a tick without a lock.
    /// </summary>
    public sealed class MeterReading
    {
        public const int Absent = -1;

        /// <summary>When the poll that produced it started (monotonic ms): everything it says was true at or after this.</summary>
        public long TimeMs { get; internal set; }
        /// <summary>Counts published readings; a newer reading has a higher number.</summary>
        public int Sequence { get; internal set; }
        public int VoltageL1Mv { get; internal set; }
        public int VoltageL2Mv { get; internal set; }
        public int VoltageL3Mv { get; internal set; }
        public int CurrentL1Ma { get; internal set; }
        public int CurrentL2Ma { get; internal set; }
        public int CurrentL3Ma { get; internal set; }
        public int ActivePowerW { get; internal set; }
        public long ImportWh { get; internal set; }
        /// <summary>W per phase, signed (negative: exporting), 0 when the profile has no per-phase power register.</summary>
        public int PowerL1W { get; internal set; }
        public int PowerL2W { get; internal set; }
        public int PowerL3W { get; internal set; }
        /// <summary>mHz, or <see cref="Absent"/> when the profile has no frequency register.</summary>
        public int FrequencyMhz { get; internal set; }

        /// <summary>The highest phase current: what over-current supervision compares with the pilot.</summary>
        public int MaxCurrentMa
        {
            get
            {
                var max = CurrentL1Ma;
                if (CurrentL2Ma > max) max = CurrentL2Ma;
                if (CurrentL3Ma > max) max = CurrentL3Ma;
                return max;
            }
        }

        internal void Set(MeterQuantity quantity, long value)
        {
            switch (quantity)
            {
                case MeterQuantity.VoltageL1: VoltageL1Mv = (int)value; break;
                case MeterQuantity.VoltageL2: VoltageL2Mv = (int)value; break;
                case MeterQuantity.VoltageL3: VoltageL3Mv = (int)value; break;
                case MeterQuantity.CurrentL1: CurrentL1Ma = (int)value; break;
                case MeterQuantity.CurrentL2: CurrentL2Ma = (int)value; break;
                case MeterQuantity.CurrentL3: CurrentL3Ma = (int)value; break;
                case MeterQuantity.ActivePower: ActivePowerW = (int)value; break;
                case MeterQuantity.ImportEnergy: ImportWh = value; break;
                case MeterQuantity.Frequency: FrequencyMhz = (int)value; break;
                case MeterQuantity.PowerL1: PowerL1W = (int)value; break;
                case MeterQuantity.PowerL2: PowerL2W = (int)value; break;
                case MeterQuantity.PowerL3: PowerL3W = (int)value; break;
            }
        }

        internal void Clear()
        {
            VoltageL1Mv = VoltageL2Mv = VoltageL3Mv = 0;
            CurrentL1Ma = CurrentL2Ma = CurrentL3Ma = 0;
            ActivePowerW = 0;
            PowerL1W = PowerL2W = PowerL3W = 0;
            ImportWh = 0;
            FrequencyMhz = Absent;
        }
    }
}
