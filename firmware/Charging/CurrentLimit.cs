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
