using ChargeController.Firmware.Config;
using ChargeController.Hal;

namespace ChargeController.Firmware.Metering
{
    /// <summary>Builds the meter side of the pile from config: the profile, and a poller on the given bus.</summary>
    public static class MeterSetup
    {
        /// <returns>the configured profile, or null for `meter.profile=none`</returns>
        public static MeterProfile ProfileFrom(PileConfig config)
        {
            var choice = config.Get(ConfigKeys.MeterProfile);
            if (choice == 0)
                return null;
            var name = ConfigKeys.MeterProfile.Choices[choice];
            return name == "custom" ? Custom(config) : MeterProfiles.Find(name);
        }

        /// <returns>a poller, or null when no meter is configured</returns>
        public static MeterPoller PollerFrom(PileConfig config, IModbusMaster bus)
        {
            var profile = ProfileFrom(config);
            if (profile == null)
                return null;
            var phases = Phases(config);
            long maxPowerW = (long)phases * config.Get(ConfigKeys.RatedCurrentA) * config.Get(ConfigKeys.OverVoltageV);
            return new MeterPoller(bus, profile, (byte)config.Get(ConfigKeys.MeterAddress), new MeterPlausibility(maxPowerW),
                config.Get(ConfigKeys.MeterBusyPollMs), config.Get(ConfigKeys.MeterIdlePollMs));
        }

        public static int Phases(PileConfig config) => config.Get(ConfigKeys.Phases) == 0 ? 1 : 3;

        /// <summary>A meter described by the meter.custom.* keys: every quantity whose register is not -1.</summary>
        public static MeterProfile Custom(PileConfig config)
        {
            var count = 0;
            for (var i = 0; i < ConfigKeys.CustomRegister.Length; i++)
                if (config.Get(ConfigKeys.CustomRegister[i]) >= 0)
                    count++;
            var fields = new MeterField[count];
            count = 0;
            for (var i = 0; i < ConfigKeys.CustomRegister.Length; i++)
            {
                var register = config.Get(ConfigKeys.CustomRegister[i]);
                if (register < 0)
                    continue;
                fields[count++] = new MeterField((MeterQuantity)i, (ushort)register, (RegisterType)config.Get(ConfigKeys.CustomType[i]),
                    config.Get(ConfigKeys.CustomShift[i]));
            }
            var function = config.Get(ConfigKeys.CustomFunction) == 0 ? MeterProfile.ReadHolding : MeterProfile.ReadInput;
            return new MeterProfile("custom", "custom (meter.custom.*)", Phases(config), function,
                config.Get(ConfigKeys.CustomWordOrder) == 0, 9600, fields);
        }
    }
}
