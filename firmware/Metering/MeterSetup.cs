using ChargeController.Firmware.Config;
using ChargeController.Hal;

namespace ChargeController.Firmware.Metering
{
    /// <summary>Builds the meter side of the pile from config: the profile, and a poller on the given bus.</summary>
    public static class MeterSetup
    {
        private const int FallbackBaud = 9600;

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

        /// <summary>The RS485 line's baud rate: the configured one, or the meter model's factory default (9600 without a meter).</summary>
        public static int LineBaud(PileConfig config)
        {
            var choice = config.Get(ConfigKeys.MeterBaud);
            if (choice > 0)
                return int.Parse(ConfigKeys.MeterBaud.Choices[choice]);
            var profile = ProfileFrom(config);
            return profile == null ? FallbackBaud : profile.DefaultBaud;
        }

        /// <summary>The RS485 line's parity (meter.parity: none, even, odd).</summary>
        public static SerialParity LineParity(PileConfig config)
        {
            switch (config.Get(ConfigKeys.MeterParity))
            {
                case 1: return SerialParity.Even;
                case 2: return SerialParity.Odd;
                default: return SerialParity.None;
            }
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
