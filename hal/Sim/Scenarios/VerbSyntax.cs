using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The spelling of every verb: its words, the unit of its numeric argument ("" for none; "?A" when optional), or
    /// whether it takes a text argument. One table serves the parser, the interactive help and the docs.
    /// </summary>
    public sealed class VerbSyntax
    {
        public const string TextArgument = "<text>";
        /// <summary>The rest of the line, spaces and all (a command's JSON; it cannot hold '#', which starts a comment).</summary>
        public const string JsonArgument = "<json>";

        private VerbSyntax(ScenarioVerb verb, string words, string argument, int defaultNumber, string meaning, string suffix = null,
            int[] allowed = null, int minimum = int.MinValue, int maximum = int.MaxValue)
        {
            Allowed = allowed;
            Minimum = minimum;
            Maximum = maximum;
            Suffix = suffix;
            Verb = verb;
            Words = words;
            Argument = argument;
            DefaultNumber = defaultNumber;
            Meaning = meaning;
        }

        public ScenarioVerb Verb { get; }
        public string Words { get; }
        /// <summary>"" (none), a unit such as "A", "mA", "V", "C", the same with a leading '?' when optional, or <see cref="TextArgument"/>.</summary>
        public string Argument { get; }
        public int DefaultNumber { get; }
        public string Meaning { get; }
        /// <summary>An optional last word after the argument (`3p` of `ev draw 16A 3p`), or null.</summary>
        public string Suffix { get; }
        /// <summary>The only values the numeric argument may take (the cable ratings of `plug`), or null for any.</summary>
        public int[] Allowed { get; }
        /// <summary>The range the numeric argument must be in (int.MinValue and int.MaxValue when any number will do).</summary>
        public int Minimum { get; }
        public int Maximum { get; }

        public bool ArgumentOptional => Argument.Length > 0 && Argument[0] == '?';
        public string Unit => ArgumentOptional ? Argument.Substring(1) : Argument;

        public static readonly VerbSyntax[] All =
        {
            new VerbSyntax(ScenarioVerb.Set, "set", TextArgument, 0, "at 0s only: a config key for this run, as key=value (PileSim keys lists them)"),
            new VerbSyntax(ScenarioVerb.Plug, "plug", "?A", 32, "insert a cable of that rating (10, 16, 32 or 63 A; default 32A) with a vehicle on it, S2 open",
                allowed: new[] { 10, 16, 32, 63 }),
            new VerbSyntax(ScenarioVerb.Unplug, "unplug", "", 0, "pull the plug"),
            new VerbSyntax(ScenarioVerb.EvReady, "ev ready", "", 0, "the vehicle wants to charge: closes S2 when it sees PWM"),
            new VerbSyntax(ScenarioVerb.EvPause, "ev pause", "", 0, "the vehicle stops drawing and opens S2"),
            new VerbSyntax(ScenarioVerb.EvVentilation, "ev ventilation", "", 0, "the vehicle asks for ventilation (state D)"),
            new VerbSyntax(ScenarioVerb.EvDraw, "ev draw", "A", 0, "the most the vehicle wants to draw per phase; 3p: on three phases", "3p"),
            new VerbSyntax(ScenarioVerb.EvDisobey, "ev disobey", "", 0, "the vehicle ignores the pilot from now on"),
            new VerbSyntax(ScenarioVerb.EvObey, "ev obey", "", 0, "the vehicle follows the pilot again"),
            new VerbSyntax(ScenarioVerb.EvDiodeMissing, "ev diode-missing", "", 0, "the vehicle's pilot diode is missing"),
            new VerbSyntax(ScenarioVerb.CpShort, "cp short", "", 0, "short the pilot to PE"),
            new VerbSyntax(ScenarioVerb.CpOpen, "cp open", "", 0, "break the pilot wire"),
            new VerbSyntax(ScenarioVerb.CpLevel, "cp level", "mV", 0, "force the pilot's high level (a fault outside every window)"),
            new VerbSyntax(ScenarioVerb.CpRestore, "cp restore", "", 0, "undo a short, open or forced pilot"),
            new VerbSyntax(ScenarioVerb.CcOpen, "cc open", "", 0, "the connection-confirm contact opens alone (the pilot still sees the vehicle)"),
            new VerbSyntax(ScenarioVerb.CcRestore, "cc restore", "", 0, "the connection-confirm contact reads the cable's coding again"),
            new VerbSyntax(ScenarioVerb.RcdAc, "rcd ac", "mA", 0, "AC residual current"),
            new VerbSyntax(ScenarioVerb.RcdDc, "rcd dc", "mA", 0, "smooth DC residual current"),
            new VerbSyntax(ScenarioVerb.RcdClear, "rcd clear", "", 0, "no residual current"),
            new VerbSyntax(ScenarioVerb.RcdSelfTestBroken, "rcd selftest-broken", "", 0, "the residual-current device no longer reacts to its test current"),
            new VerbSyntax(ScenarioVerb.Grid, "grid", "V", 0, "supply voltage"),
            new VerbSyntax(ScenarioVerb.TempConnector, "temp connector", "C", 0, "connector temperature"),
            new VerbSyntax(ScenarioVerb.Temp, "temp", "C", 0, "enclosure temperature"),
            new VerbSyntax(ScenarioVerb.EstopPress, "estop press", "", 0, "press the emergency stop"),
            new VerbSyntax(ScenarioVerb.EstopRelease, "estop release", "", 0, "release the emergency stop"),
            new VerbSyntax(ScenarioVerb.ContactorWeld, "contactor weld", "", 0, "the contactor's contacts weld shut"),
            new VerbSyntax(ScenarioVerb.ContactorUnweld, "contactor unweld", "", 0, "the contacts come free again"),
            new VerbSyntax(ScenarioVerb.ContactorStuck, "contactor stuck", "", 0, "the contactor no longer pulls in"),
            new VerbSyntax(ScenarioVerb.LockJam, "lock jam", "", 0, "the socket's plug lock no longer engages"),
            new VerbSyntax(ScenarioVerb.LockStuck, "lock stuck", "", 0, "the socket's plug lock no longer releases"),
            new VerbSyntax(ScenarioVerb.LockOk, "lock ok", "", 0, "the plug lock works again"),
            new VerbSyntax(ScenarioVerb.Authorize, "authorize", TextArgument, 0, "platform start command naming an id tag"),
            new VerbSyntax(ScenarioVerb.Stop, "stop", "", 0, "local stop (reason Local)"),
            new VerbSyntax(ScenarioVerb.RemoteStop, "remote stop", "", 0, "platform stop command (reason Remote)"),
            new VerbSyntax(ScenarioVerb.Limit, "limit", "A", 0, "platform current limit (demand response); below 6 A pauses",
                minimum: 0, maximum: CurrentLimit.MaxLimitA), // what the platform's limit command and the console take
            new VerbSyntax(ScenarioVerb.LinkDown, "link down", "", 0, "the network to the broker is cut (the pile notices after a keepalive; fallback limit)"),
            new VerbSyntax(ScenarioVerb.LinkUp, "link up", "", 0, "the network is back (the pile reconnects on its backoff)"),
            new VerbSyntax(ScenarioVerb.Available, "available", "", 0, "make the connector available"),
            new VerbSyntax(ScenarioVerb.Unavailable, "unavailable", "", 0, "make the connector unavailable (after the running session)"),
            new VerbSyntax(ScenarioVerb.ClearFaults, "faults clear", "", 0, "a technician clears latched faults"),
            new VerbSyntax(ScenarioVerb.MeterOffline, "meter offline", "", 0, "the meter stops answering"),
            new VerbSyntax(ScenarioVerb.MeterOnline, "meter online", "", 0, "the meter answers again, with good values"),
            new VerbSyntax(ScenarioVerb.MeterGarbage, "meter garbage", "", 0, "the meter answers NaN and out-of-range values"),
            new VerbSyntax(ScenarioVerb.MeterBackwards, "meter backwards", "Wh", 0, "the meter's import total jumps back"),
            new VerbSyntax(ScenarioVerb.MeterSlaveError, "meter slave-error", "", 0, "the meter answers with a slave exception (04)"),
            new VerbSyntax(ScenarioVerb.PowerCut, "power cut", "", 0, "the supply fails: outputs drop, unflushed storage is lost, the firmware stops"),
            new VerbSyntax(ScenarioVerb.PowerRestore, "power restore", "", 0, "the supply returns: the pile boots on the same storage"),
            new VerbSyntax(ScenarioVerb.Hang, "hang", "ms", 0, "the control loop stalls this long (the supervisor steps in beyond its limit)"),
            new VerbSyntax(ScenarioVerb.StorageCorruptTail, "storage corrupt-tail", "", 0, "garbage after the journal's last record, as a torn write leaves it"),
            new VerbSyntax(ScenarioVerb.StorageDamageConfig, "storage damage config", "", 0, "change one byte in the middle of the newest stored configuration copy"),
            new VerbSyntax(ScenarioVerb.StorageDamageConfigAll, "storage damage config all", "", 0, "change one byte in the middle of every stored configuration copy"),
            new VerbSyntax(ScenarioVerb.Reboot, "reboot", "", 0, "a planned reboot (command, console, update)"),
            new VerbSyntax(ScenarioVerb.ConfigChange, "config", TextArgument, 0, "change a config key at run time (key=value): stored, applied at the next boot"),
            new VerbSyntax(ScenarioVerb.SafeModeClear, "safe-mode clear", "", 0, "a technician ends the safe mode of a crash loop"),
            new VerbSyntax(ScenarioVerb.Cmd, "cmd", JsonArgument, 0, "a platform command arrives on <root>/cmd as if from the broker (docs/mqtt-api.md, Commands)"),
            new VerbSyntax(ScenarioVerb.Clock, "clock", TextArgument, 0, "the wall clock is set (as SNTP does) to this UTC time, like 2025-11-24T02:00:00Z; kept across reboots"),
            new VerbSyntax(ScenarioVerb.Console, "console", TextArgument, 0, "type a line (the rest of the line) on the technician console"),
            new VerbSyntax(ScenarioVerb.SiteLoad, "site load", "A", 0, "the household's own load on L1 behind the site meter (site.mode limit or solar)", minimum: 0, maximum: 200),
            new VerbSyntax(ScenarioVerb.SitePv, "site pv", "W", 0, "what the site's PV array feeds in now, spread over the site meter's phases", minimum: 0, maximum: 100000),
            new VerbSyntax(ScenarioVerb.SiteMeterOffline, "site meter offline", "", 0, "the site meter stops answering"),
            new VerbSyntax(ScenarioVerb.SiteMeterOnline, "site meter online", "", 0, "the site meter answers again, with good values, at its own address"),
            new VerbSyntax(ScenarioVerb.SiteMeterGarbage, "site meter garbage", "", 0, "the site meter answers NaN and out-of-range values"),
            new VerbSyntax(ScenarioVerb.SiteMeterSwap, "site meter swap", "", 0, "the pile's meter and the site meter answer at each other's address (a commissioning mix-up)"),
            new VerbSyntax(ScenarioVerb.AgeTerminal, "age terminal", "%", 0,
                "a terminal loosens: the connector's temperature follows the current, its heating this much higher each session (docs/health.md)", minimum: 0, maximum: 100),
            new VerbSyntax(ScenarioVerb.AgeFeeder, "age feeder", "mOhm", 0, "the feeder's impedance grows by this much each session: the supply sags under load", minimum: 0, maximum: 1000),
            new VerbSyntax(ScenarioVerb.AgeContactor, "age contactor", "ms", 0, "the contactor opens this much slower each session (contacts that start to stick)", minimum: 0, maximum: 1000),
            new VerbSyntax(ScenarioVerb.RcdSelfTestFlaky, "rcd selftest-flaky", "", 0, "the residual-current device's next self-test fails, the one after passes"),
            new VerbSyntax(ScenarioVerb.MeterFlaky, "meter flaky", "%", 0, "this share of the meter's reads go unanswered (a loose RS485 wire); 0% ends it", minimum: 0, maximum: 100),
            new VerbSyntax(ScenarioVerb.PowerCutAfter, "power cut after", "B", 0,
                "the supply fails as the flash is about to write the byte after this many more (0B: the next one): a cut at a chosen point of a write",
                minimum: 0, maximum: 100000000),
            new VerbSyntax(ScenarioVerb.UpdateKey, "update key", TextArgument, 0,
                "put this update-key.bin (a path from the scenario's folder) on the flash, as provisioning does (PileSim run only)"),
            new VerbSyntax(ScenarioVerb.UpdateOffer, "update offer", TextArgument, 0,
                "the platform serves this package folder (a path from the scenario's folder) and sends the update command (PileSim run only)"),
            new VerbSyntax(ScenarioVerb.End, "end", "", 0, "the scenario ends here"),
        };
    }
}
