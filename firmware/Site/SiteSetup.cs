using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;

namespace ChargeController.Firmware.Site
{
    /// <summary>
    /// Builds the site meter's side from config: its profile (one of the built-in meters), its poller on the pile's own
    /// RS485 bus at its own address, and the rules the site keys must satisfy together with the pile's.
    /// </summary>
    public static class SiteSetup
    {
        public const int ModeOff = 0;
        public const int ModeLimit = 1;
        public const int ModeSolar = 2;

        /// <summary>
        /// A site's import total grows with everything behind its meter, not with the pile: it is judged against the
        /// largest current a meter reading may hold on each phase (<see cref="MeterPlausibility.MaxCurrentMa"/>).
        /// </summary>
        private const int SiteMaxCurrentA = MeterPlausibility.MaxCurrentMa / 1000;

        public static int Mode(PileConfig config) => config.Get(ConfigKeys.SiteMode);

        /// <returns>the site meter's profile, or null with <c>site.mode=off</c></returns>
        public static MeterProfile ProfileFrom(PileConfig config) =>
            Mode(config) == ModeOff ? null : MeterProfiles.BuiltIn[config.Get(ConfigKeys.SiteMeterProfile)];

        /// <returns>the site meter's poller, or null with <c>site.mode=off</c> (or without a bus)</returns>
        public static MeterPoller PollerFrom(PileConfig config, IModbusMaster bus)
        {
            var profile = ProfileFrom(config);
            if (profile == null || bus == null)
                return null;
            long maxPowerW = (long)profile.Phases * SiteMaxCurrentA * config.Get(ConfigKeys.OverVoltageV);
            // A site's phases may import and export at once (a house on L1, a solar inverter on L2): its total power need
            // not agree with voltage x current, so only the physical bounds and the energy's pace hold it.
            var pollMs = config.Get(ConfigKeys.MeterBusyPollMs);
            return new MeterPoller(bus, profile, (byte)config.Get(ConfigKeys.SiteMeterAddress), new MeterPlausibility(maxPowerW),
                pollMs, pollMs, MeterPlausibility.PowerUnchecked);
        }

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
