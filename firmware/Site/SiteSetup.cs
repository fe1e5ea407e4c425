using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;

namespace ChargeController.Firmware.Site
{
    /// <summary>
    /// The site meter's side of the config: the mode, its profile (one of the built-in meters) and the rules the site keys
    /// must satisfy together with the pile's (its poller is the runtime's: SiteControl.PollerFrom).
    /// </summary>
    public static class SiteSetup
    {
        public const int ModeOff = 0;
        public const int ModeLimit = 1;
        public const int ModeSolar = 2;

        public static int Mode(PileConfig config) => config.Get(ConfigKeys.SiteMode);

        /// <returns>the site meter's profile, or null with <c>site.mode=off</c></returns>
        public static MeterProfile ProfileFrom(PileConfig config) =>
            Mode(config) == ModeOff ? null : MeterProfiles.BuiltIn[config.Get(ConfigKeys.SiteMeterProfile)];

        /// <summary>Site keys that are valid alone but not with the rest, or null.</summary>
        public static string Inconsistency(PileConfig config)
        {
            if (Mode(config) == ModeOff)
                return null;
            if (config.Get(ConfigKeys.MeterProfile) != 0 && config.Get(ConfigKeys.SiteMeterAddress) == config.Get(ConfigKeys.MeterAddress))
                return "site.meter.address must differ from meter.address: two meters on one bus need two addresses";
            if (MeterSetup.Phases(config) == 3 && ProfileFrom(config).Phases == 1)
                return "a three-phase pile needs a three-phase site meter (site.meter.profile dtsu666 or sdm630)";
            if (config.Get(ConfigKeys.SiteSolarStopA) > config.Get(ConfigKeys.SiteSolarStartA))
                return "site.solar.stopA must not be above site.solar.startA";
            return null;
        }
    }
}
