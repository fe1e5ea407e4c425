namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// Acceptance windows for the pilot's high level: GB/T 18487.1 detection point 1 for A, B, C (12/9/6 V +- 0.8 V) and
    /// the IEC 61851-1 bands for D (2..4 V), E (-1..1 V) and F (-13..-11 V). Anything between windows is Invalid.
    /// </summary>
    public static class PilotClassifier
    {
        private const int ToleranceMv = 800;
        public const int StateAMv = 12000;
        public const int StateBMv = 9000;
        public const int StateCMv = 6000;

        /// <summary>With a healthy vehicle diode the low half of the PWM is at -12 V; above this it is missing or shorted.</summary>
        public const int DiodeLowLevelMaxMv = -11000;

        public static PilotState Classify(int highLevelMv)
        {
            if (Within(highLevelMv, StateAMv)) return PilotState.A;
            if (Within(highLevelMv, StateBMv)) return PilotState.B;
            if (Within(highLevelMv, StateCMv)) return PilotState.C;
            if (highLevelMv >= 2000 && highLevelMv <= 4000) return PilotState.D;
            if (highLevelMv >= -1000 && highLevelMv <= 1000) return PilotState.E;
            if (highLevelMv >= -13000 && highLevelMv <= -11000) return PilotState.F;
            return PilotState.Invalid;
        }

        /// <summary>True when the low half of a running PWM shows the vehicle's diode.</summary>
        public static bool DiodePresent(int lowLevelMv) => lowLevelMv <= DiodeLowLevelMaxMv;

        private static bool Within(int levelMv, int nominalMv) =>
            levelMv >= nominalMv - ToleranceMv && levelMv <= nominalMv + ToleranceMv;
    }
}
