using ChargeController.Firmware.Config;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The policy of every fault, indexed by <see cref="Fault"/>. OCPP code, detail, action and whether it ends the
    /// session are fixed here for safety; retry count and delay come from config (docs/faults.md lists the defaults).
    /// </summary>
    public static class FaultPolicies
    {
        private static readonly ErrorCode[] Codes =
        {
            ErrorCode.GroundFailure, ErrorCode.GroundFailure, ErrorCode.GroundFailure, ErrorCode.OverCurrentFailure,
            ErrorCode.OverVoltage, ErrorCode.UnderVoltage, ErrorCode.HighTemperature, ErrorCode.HighTemperature,
            ErrorCode.OtherError, ErrorCode.PowerSwitchFailure, ErrorCode.PowerSwitchFailure, ErrorCode.PowerSwitchFailure,
            ErrorCode.PowerMeterFailure, ErrorCode.InternalError,
            ErrorCode.EVCommunicationError, ErrorCode.EVCommunicationError, ErrorCode.EVCommunicationError, ErrorCode.EVCommunicationError,
            ErrorCode.InternalError, ErrorCode.ConnectorLockFailure, ErrorCode.ConnectorLockFailure, ErrorCode.PowerMeterFailure,
            ErrorCode.InternalError, ErrorCode.InternalError, ErrorCode.InternalError, ErrorCode.OtherError, ErrorCode.OtherError,
            ErrorCode.OtherError,
        };

        private static readonly string[] Details =
        {
            "rcd-ac", "rcd-dc", "rcd-selftest", "ev-overcurrent", "supply-high", "supply-low", "enclosure", "connector",
            "emergency-stop", "welded", "stuck-open", "current-while-open", "meter-lost", "storage", "cp-short", "cp-open", "cp-diode", "cp-invalid",
            "config-damaged", "lock-engage", "lock-release", "meter-unsupervised", "storage-full",
            "link-tracking",
            "journal-damaged", "link-refused",
            "site-meter-lost", "site-meters-swapped",
        };

        /// <summary>What a technician on site should do, for the faults that need more than their code and detail; else null.</summary>
        public static string AdviceOf(Fault fault) => fault == Fault.ConnectorLockRelease
            ? "the connector lock does not release and holds the plug: open the pile, pull the lock's manual release, check the lock motor and its position switch, then clear the fault"
            : fault == Fault.SiteMetersSwapped
            ? "the pile's meter reads current with the contactor open and the site meter reads none: meter.address and site.meter.address swapped? Probe both addresses with MeterProbe, then clear current-while-open"
            : null;

        public static ErrorCode CodeOf(Fault fault) => Codes[(int)fault];

        /// <summary>Vendor detail that tells faults with the same OCPP code apart.</summary>
        public static string DetailOf(Fault fault) => Details[(int)fault];

        public static FaultPolicy[] From(PileConfig config)
        {
            var rcd = Retry(config, ConfigKeys.RcdRetries, ConfigKeys.RcdRetryDelayS);
            var selfTest = Retry(config, ConfigKeys.SelfTestRetries, ConfigKeys.SelfTestRetryDelayS);
            var overCurrent = Retry(config, ConfigKeys.OverCurrentRetries, ConfigKeys.OverCurrentRetryDelayS);
            var voltage = Retry(config, ConfigKeys.VoltageRetries, ConfigKeys.VoltageRetryDelayS);
            var temperature = Retry(config, ConfigKeys.TemperatureRetries, ConfigKeys.TemperatureRetryDelayS);
            var emergencyStop = Retry(config, ConfigKeys.EmergencyStopRetries, ConfigKeys.EmergencyStopRetryDelayS);
            var contactor = Retry(config, ConfigKeys.ContactorRetries, ConfigKeys.ContactorRetryDelayS);
            var pilot = Retry(config, ConfigKeys.PilotRetries, ConfigKeys.PilotRetryDelayS);
            var meter = Retry(config, ConfigKeys.MeterRetries, ConfigKeys.MeterRetryDelayS);
            var lockEngage = Retry(config, ConfigKeys.LockRetries, ConfigKeys.LockRetryDelayS);
            var underVoltage = config.Get(ConfigKeys.UnderVoltageAction) == 0 ? FaultAction.Trip : FaultAction.Warn;
            // Sessions are billed by the meter: without one, stop (and start none) unless the integrator chose to charge on.
            var meterStops = config.Get(ConfigKeys.MeterLossPolicy) == 0;

            return new[]
            {
                Policy(Fault.ResidualCurrentAc, FaultAction.Trip, true, rcd),
                Policy(Fault.ResidualCurrentDc, FaultAction.Trip, true, rcd),
                Policy(Fault.ResidualCurrentSelfTest, FaultAction.Trip, true, selfTest),
                Policy(Fault.OverCurrent, FaultAction.Trip, true, overCurrent),
                Policy(Fault.OverVoltage, FaultAction.Trip, false, voltage),
                Policy(Fault.UnderVoltage, underVoltage, false, voltage),
                Policy(Fault.EnclosureOverTemperature, FaultAction.Stop, false, temperature),
                Policy(Fault.ConnectorOverTemperature, FaultAction.Stop, false, temperature),
                Policy(Fault.EmergencyStop, FaultAction.Trip, true, emergencyStop),
                Policy(Fault.ContactorWelded, FaultAction.Trip, true, contactor),
                Policy(Fault.ContactorStuckOpen, FaultAction.Trip, true, contactor),
                Policy(Fault.ContactorCurrentWhileOpen, FaultAction.Trip, true, contactor),
                Policy(Fault.MeterLost, meterStops ? FaultAction.Stop : FaultAction.Warn, meterStops, meter),
                Policy(Fault.StorageFailure, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                Policy(Fault.PilotShort, FaultAction.Trip, true, pilot),
                Policy(Fault.PilotOpen, FaultAction.Trip, true, pilot),
                Policy(Fault.PilotDiodeMissing, FaultAction.Trip, true, pilot),
                Policy(Fault.PilotInvalid, FaultAction.Trip, true, pilot),
                // the pile is made unavailable by the core; the fault latches at once and only a configuration that loads clears it
                Policy(Fault.ConfigDamaged, FaultAction.Warn, false, new[] { 0, 0 }),
                Policy(Fault.ConnectorLockEngage, FaultAction.Trip, true, lockEngage),
                // A plug held by a lock that will not let go needs a technician: latched at once, whatever the config says.
                Policy(Fault.ConnectorLockRelease, FaultAction.Trip, true, new[] { 0, 0 }),
                Policy(Fault.MeterUnsupervised, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                // the running session charges on (its open record is durable); the core starts no new one meanwhile
                Policy(Fault.StorageFull, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                // charging is not concerned; the platform and the technician see it, and it clears after a clean minute
                Policy(Fault.LinkTracking, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                // records were lost to flash damage: charging goes on, the warning stays until someone has looked
                Policy(Fault.JournalDamaged, FaultAction.Warn, false, new[] { 0, 0 }),
                // charging is not concerned; the events wait in the outbox until the broker's ACL lets them through
                Policy(Fault.LinkRefused, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                // the site's cap falls back to site.lostA meanwhile: charging goes on within it
                Policy(Fault.SiteMeterLost, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
                // a diagnosis: current-while-open keeps the contactor open meanwhile
                Policy(Fault.SiteMetersSwapped, FaultAction.Warn, false, new[] { FaultPolicy.Unlimited, 0 }),
            };
        }

        /// <summary>{ max retries, retry delay in ms } from a fault family's two config keys.</summary>
        private static int[] Retry(PileConfig config, ConfigKey retries, ConfigKey delayS) =>
            new[] { config.Get(retries), config.Get(delayS) * 1000 };

        private static FaultPolicy Policy(Fault fault, FaultAction action, bool endsSession, int[] retry) =>
            new FaultPolicy(fault, action, endsSession, retry[1], retry[0]);
    }
}
