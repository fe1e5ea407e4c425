using ChargeController.Firmware.Pilot;

namespace ChargeController.Firmware.Charging
{
    /// <summary>
    /// What the pile may advertise: the least of its rating, the cable's rating, the platform's limit (demand response),
    /// the fallback limit while the platform link is lost, divided by the thermal derating. Below 6 A the pile pauses
    /// instead of advertising less (0 is returned).
    /// </summary>
    public static class CurrentLimit
    {
        public const int NoLimitMa = int.MaxValue;

        /// <summary>
        /// The largest limit a platform command, the console or the simulator's verb accepts, in whole amperes: one rule
        /// for all three. A limit above the pile's rating (or the cable's) is accepted and changes nothing: the least of
        /// them is offered (<see cref="AdvertisedMa"/>).
        /// </summary>
        public const int MaxLimitA = 80;

        /// <summary>What a limit in amperes may be, as the refusals say it.</summary>
        public const string LimitARange = "a whole number from 0 to 80";

        /// <summary>A limit any of the three accepts: 0 (the charge pauses) to <see cref="MaxLimitA"/>.</summary>
        public static bool IsLimitA(int amps) => amps >= 0 && amps <= MaxLimitA;

        public static int AdvertisedMa(int pileRatedMa, int cableRatedMa, int platformLimitMa, int fallbackMa, bool linkLost, int thermalDivisor)
        {
            var limitMa = pileRatedMa;
            if (cableRatedMa < limitMa)
                limitMa = cableRatedMa;
            if (platformLimitMa < limitMa)
                limitMa = platformLimitMa;
            if (linkLost && fallbackMa < limitMa)
                limitMa = fallbackMa;
            limitMa /= thermalDivisor;
            return limitMa < PilotDuty.MinimumCurrentMa ? 0 : limitMa;
        }
    }
}
