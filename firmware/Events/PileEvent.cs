namespace ChargeController.Firmware.Events
{
    /// <summary>
    /// One thing that happened in the core. A flat value type so the ring can hold a fixed number of them without
    /// allocating; what each field means depends on <see cref="Kind"/>:
    ///   Boot      Code = BootReason, Value = boot number, Text = after a watchdog reboot the thread that died or stalled (or null)
    ///   Cp        Code = PilotState
    ///   Pilot     Code = PilotMode, Value = duty permille, Value2 = advertised mA
    ///   Contactor Flag = closed
    ///   Status    Code = ConnectorStatus, Value = ErrorCode
    ///   Fault     Code = Fault, Flag = active, Flag2 = latched, Value = retries used so far
    ///   Session   Code = 0 start / 1 end / 2 checkpoint (Long1 = reading Wh), Value = StopReason, Value2 = Session* flags of EventRing, Text = session id,
    ///             Text2 = id tag, Long1 = start reading Wh, Long2 = stop reading Wh (<see cref="NoReading"/> when none);
    ///             an end's energy by tariff band while a tariff is in force: <see cref="BandCount"/>, Band0Wh..Band3Wh (they add
    ///             up to its energy; journaled in its close); with a site meter, <see cref="HasSolar"/> and SolarWh, the part of
    ///             its energy the site would have exported without it (docs/site.md; journaled in its close)
    ///   Command   Flag = accepted, Text = command name, Text2 = why it was rejected
    ///   Meter     Code = MeterHealth, Value = slave exception code
    ///   Watchdog  Value = how long the control loop had stalled, in ms
    ///   ConfigWarning  Text = what was wrong with the stored configuration
    ///   Lock      Flag = the plug lock's position switch says locked
    ///   Console   Flag = accepted, Text = login / logout / the protected command line, Text2 = why it was refused
    ///   ConfigChange  Text = key, Text2 = value as the console writes it, Flag = applies at the next boot
    ///   SafetyLoop  the safety loop opened the contactor before the core did: Code = SafetyCause
    ///   Tables    the platform's tables in force: Code = tariff version, Value = schedule version, Value2 = fleet-list version
    /// Every event also carries <see cref="UnixS"/>, its wall-clock time when the pile knows it (0 otherwise).
    /// </summary>
    public struct PileEvent
    {
        public const long NoReading = -1;

        public long TimeMs;
        public EventKind Kind;
        public int Code;
        public int Value;
        public int Value2;
        public bool Flag;
        public bool Flag2;
        public string Text;
        public string Text2;
        public long Long1;
        public long Long2;
        public long UnixS;

        /// <summary>Tariff bands a session end carries (Commands.Tariff.MaxBands).</summary>
        public const int Bands = 4;
        /// <summary>A session end's bands: <see cref="Bands"/>, or 0 without a tariff.</summary>
        public int BandCount;
        public int Band0Wh;
        public int Band1Wh;
        public int Band2Wh;
        public int Band3Wh;

        /// <summary>A session end carries <see cref="SolarWh"/>: the part of its energy not imported at the site's connection point.</summary>
        public bool HasSolar;
        public int SolarWh;

        /// <summary>A session end's energy in tariff band <paramref name="band"/> (0..3).</summary>
        public int BandWh(int band) => band == 0 ? Band0Wh : band == 1 ? Band1Wh : band == 2 ? Band2Wh : Band3Wh;
    }
}
