using ChargeController.Firmware.Metering;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The site meter's reading as currents that say their direction: a meter's current registers hold magnitudes, so
    /// each phase takes the sign of its own power (three-phase profiles read it) or, on a single-phase meter, of the
    /// total power. Positive imports from the feeder, negative exports to it.
    /// </summary>
    public static class SiteCurrents
    {
        /// <param name="phase">0 to 2</param>
        /// <param name="perPhasePower">the profile reads each phase's power (<see cref="HasPerPhasePower"/>)</param>
        public static int SignedMa(MeterReading reading, int phase, bool perPhasePower)
        {
            int currentMa, powerW;
            switch (phase)
            {
                case 0: currentMa = reading.CurrentL1Ma; powerW = perPhasePower ? reading.PowerL1W : reading.ActivePowerW; break;
                case 1: currentMa = reading.CurrentL2Ma; powerW = perPhasePower ? reading.PowerL2W : reading.ActivePowerW; break;
                default: currentMa = reading.CurrentL3Ma; powerW = perPhasePower ? reading.PowerL3W : reading.ActivePowerW; break;
            }
            return powerW < 0 ? -currentMa : currentMa;
        }

        /// <summary>The pile's own current on a phase: its meter reads magnitudes, and a pile only draws.</summary>
        public static int OwnMa(MeterReading reading, int phase) =>
            phase == 0 ? reading.CurrentL1Ma : phase == 1 ? reading.CurrentL2Ma : reading.CurrentL3Ma;

        public static bool HasPerPhasePower(MeterProfile profile) => profile.FieldFor(MeterQuantity.PowerL1) != null;
    }
}
