namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// Every console command: the one table that `help` lists, the shell matches lines against and docs/console.md
    /// describes (a test keeps them in step). The shell dispatches on <see cref="ConsoleCommand.Id"/>.
    /// </summary>
    public static class ConsoleCommands
    {
        public const int Help = 0;
        public const int Status = 1;
        public const int Pilot = 2;
        public const int Meter = 3;
        public const int Faults = 4;
        public const int Sessions = 5;
        public const int Outbox = 6;
        public const int Net = 7;
        public const int Version = 8;
        public const int Uptime = 9;
        public const int ConfigList = 10;
        public const int ConfigGet = 11;
        public const int Login = 12;
        public const int Logout = 13;
        public const int Mode = 14;
        public const int ConfigSet = 15;
        public const int Limit = 16;
        public const int Start = 17;
        public const int Stop = 18;
        public const int Enable = 19;
        public const int Disable = 20;
        public const int ClearFault = 21;
        public const int SelfTestRcd = 22;
        public const int Reboot = 23;
        public const int SafeModeClear = 24;
        public const int PinChange = 25;
        public const int Site = 26;
        public const int Health = 27;
        public const int HealthReset = 28;
        public const int Update = 29;

        public static readonly ConsoleCommand[] All =
        {
            new ConsoleCommand(Help, "help", "[command]", 0, 2, CommandAccess.Open, "list the commands, or explain one", "help config set"),
            new ConsoleCommand(Status, "status", "", 0, 0, CommandAccess.Open,
                "connector status, pilot, advertised current, contactor, lock, session, active faults", "status"),
            new ConsoleCommand(Pilot, "pilot", "", 0, 0, CommandAccess.Open, "control pilot: raw high/low mV, duty, classification", "pilot"),
            new ConsoleCommand(Meter, "meter", "", 0, 0, CommandAccess.Open, "last meter reading and its age, error counters, profile", "meter"),
            new ConsoleCommand(Faults, "faults", "", 0, 0, CommandAccess.Open, "raised faults (OCPP code, latch, retries), then the last 16 fault changes with their times", "faults"),
            new ConsoleCommand(Sessions, "sessions", "[n]", 0, 1, CommandAccess.Open, "the last n sessions, of this boot and earlier ones (default 1, at most 20)", "sessions 3"),
            new ConsoleCommand(Outbox, "outbox", "", 0, 0, CommandAccess.Open, "records waiting for the platform, and the oldest one's boot-record number", "outbox"),
            new ConsoleCommand(Net, "net", "", 0, 0, CommandAccess.Open, "platform link state, reconnects, last error", "net"),
            new ConsoleCommand(Version, "version", "", 0, 0, CommandAccess.Open, "firmware version", "version"),
            new ConsoleCommand(Uptime, "uptime", "", 0, 0, CommandAccess.Open, "time since boot, boot reason and number", "uptime"),
            new ConsoleCommand(ConfigList, "config list", "[prefix]", 0, 1, CommandAccess.Open, "every config key and its value (or those starting with prefix)", "config list meter."),
            new ConsoleCommand(ConfigGet, "config get", "<key>", 1, 1, CommandAccess.Open, "one key: value, unit, default, allowed values, meaning", "config get pile.ratedCurrentA"),
            new ConsoleCommand(Login, "login", "", 0, 0, CommandAccess.Open, "log in: asks for the PIN (not echoed)", "login"),
            new ConsoleCommand(Logout, "logout", "", 0, 0, CommandAccess.Open, "log out (also after 10 minutes without typing)", "logout"),
            new ConsoleCommand(Mode, "mode", "human|json", 1, 1, CommandAccess.Open, "human replies, or one JSON line a reply without echo and prompt", "mode json"),
            new ConsoleCommand(ConfigSet, "config set", "<key> <value>", 2, 2, CommandAccess.Technician,
                "validate and store a config value; it applies at the next reboot", "config set pile.ratedCurrentA 16"),
            new ConsoleCommand(Limit, "limit", "<amps>|off", 1, 1, CommandAccess.Technician, "limit the charging current (like the platform's demand response), or lift it", "limit 10"),
            new ConsoleCommand(Start, "start", "[idTag]", 0, 1, CommandAccess.Technician, "authorise a charge (id tag 'console' when none is given)", "start TECH01"),
            new ConsoleCommand(Stop, "stop", "", 0, 0, CommandAccess.Technician, "stop the running charge", "stop"),
            new ConsoleCommand(Enable, "enable", "", 0, 0, CommandAccess.Technician, "make the connector available", "enable"),
            new ConsoleCommand(Disable, "disable", "", 0, 0, CommandAccess.Technician, "make the connector unavailable (after the running session)", "disable"),
            new ConsoleCommand(ClearFault, "clear-fault", "<code>", 1, 1, CommandAccess.Technician, "clear a latched fault whose condition has gone (code as `faults` shows it)", "clear-fault welded"),
            new ConsoleCommand(SelfTestRcd, "selftest rcd", "", 0, 0, CommandAccess.Technician, "run the residual-current device's self-test now", "selftest rcd"),
            new ConsoleCommand(Reboot, "reboot", "", 0, 0, CommandAccess.Technician, "planned reboot", "reboot"),
            new ConsoleCommand(SafeModeClear, "safe-mode clear", "", 0, 0, CommandAccess.Technician, "leave the safe mode of a crash loop", "safe-mode clear"),
            new ConsoleCommand(PinChange, "pin change", "", 0, 0, CommandAccess.LoggedIn, "set a new technician PIN (6 to 12 digits, asked twice)", "pin change"),
            new ConsoleCommand(Site, "site", "", 0, 0, CommandAccess.Open,
                "the site meter: mode, the site's current per phase, the headroom, the cap on the pile and why", "site"),
            new ConsoleCommand(Health, "health", "", 0, 0, CommandAccess.Open, "each part's wear and the supply: figures, baselines, thresholds, warnings", "health"),
            new ConsoleCommand(HealthReset, "health reset", "<part>", 1, 1, CommandAccess.Technician,
                "after replacing a part (connector, contactor, supply, rcd, pilot, meter): its figures and warnings start again", "health reset contactor"),
            new ConsoleCommand(Update, "update", "", 0, 0, CommandAccess.Open,
                "firmware: the running version and slot, a trial, the update in progress or the last one's outcome", "update"),
        };

        /// <summary>The command a line's words name (the longest match), or null.</summary>
        /// <param name="words">the line's words; command names match in any case</param>
        public static ConsoleCommand Match(string[] words)
        {
            ConsoleCommand best = null;
            foreach (var command in All)
                if ((best == null || best.WordCount < command.WordCount) && command.IsNamedBy(words))
                    best = command;
            return best;
        }

        /// <summary>The usages of the commands whose first word is <paramref name="word"/> ("config list [prefix] | ..."), or null.</summary>
        public static string UsagesStartingWith(string word)
        {
            string usages = null;
            foreach (var command in All)
                if (command.StartsWithWord(word))
                    usages = usages == null ? command.Usage : usages + " | " + command.Usage;
            return usages;
        }
    }
}
