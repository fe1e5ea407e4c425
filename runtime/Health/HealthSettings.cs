using ChargeController.Firmware.Config;

namespace ChargeController.Runtime.Health
{
    /// <summary>The health thresholds of the running configuration (health.* keys), in the units the figures use.</summary>
    public sealed class HealthSettings
    {
        public int HeatBaselineSessions;
        public long HeatSettleMs;
        public int HeatMinCurrentMa;
        public int HeatWarnPercent;
        public int HeatDeratePercent;
        public int HeatDerateMa;
        public int ContactorRatedOps;
        public int ContactorWarnPercent;
        public int ContactorDelayRiseMs;
        public int RatedMa;
        /// <summary>Below this a reading is a sag, and the feeder's voltage at the rated current must stay above it.</summary>
        public int LowLimitMv;
        /// <summary>Above this a reading is a swell, and the no-load voltage must stay below it.</summary>
        public int HighLimitMv;
        public int RcdRetriesPerDay;
        public int PilotDriftMv;
        public int PilotRejectionsPerHour;
        public int MeterErrorPercent;

        public static HealthSettings From(PileConfig config)
        {
            var nominalMv = config.Get(ConfigKeys.HealthNominalV) * 1000;
            return new HealthSettings
            {
                HeatBaselineSessions = config.Get(ConfigKeys.HealthHeatBaselineSessions),
                HeatSettleMs = config.Get(ConfigKeys.HealthHeatSettleMin) * 60000L,
                HeatMinCurrentMa = config.Get(ConfigKeys.HealthHeatMinCurrentA) * 1000,
                HeatWarnPercent = config.Get(ConfigKeys.HealthHeatWarnPercent),
                HeatDeratePercent = config.Get(ConfigKeys.HealthHeatDeratePercent),
                HeatDerateMa = config.Get(ConfigKeys.HealthHeatDerateA) * 1000,
                ContactorRatedOps = config.Get(ConfigKeys.HealthContactorRatedOps),
                ContactorWarnPercent = config.Get(ConfigKeys.HealthContactorWarnPercent),
                ContactorDelayRiseMs = config.Get(ConfigKeys.HealthContactorDelayRiseMs),
                RatedMa = config.Get(ConfigKeys.RatedCurrentA) * 1000,
                LowLimitMv = nominalMv / 100 * (100 - config.Get(ConfigKeys.HealthSupplyLowPercent)),
                HighLimitMv = nominalMv / 100 * (100 + config.Get(ConfigKeys.HealthSupplyHighPercent)),
                RcdRetriesPerDay = config.Get(ConfigKeys.HealthRcdRetriesPerDay),
                PilotDriftMv = config.Get(ConfigKeys.HealthPilotDriftMv),
                PilotRejectionsPerHour = config.Get(ConfigKeys.HealthPilotRejectionsPerHour),
                MeterErrorPercent = config.Get(ConfigKeys.HealthMeterErrorPercent),
            };
        }
    }
}
