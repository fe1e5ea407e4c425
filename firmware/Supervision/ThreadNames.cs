namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// The runtime's threads by name, and each one's code in the boot state's watchdog marker, so the boot after a
    /// watchdog reboot names the thread that died or stalled (<see cref="Storage.BootState"/>). Code 0 is the control
    /// loop's own stall (its heartbeat, <see cref="Supervisor.Check"/>) or a name not listed here.
    /// </summary>
    public static class ThreadNames
    {
        public const string Safety = "safety";
        public const string Control = "control";
        public const string Supervisor = "supervisor";
        public const string Meter = "meter";
        public const string Storage = "storage";
        public const string Network = "network";
        public const string Console = "console";
        public const string Wifi = "wifi";

        /// <summary>In code order from 1; append only, the codes are on flash.</summary>
        private static readonly string[] ByCode = { "safety", "control", "supervisor", "meter", "storage", "network", "console", "wifi" };

        /// <summary>The largest code: the marker keeps it in four bits.</summary>
        public const int MaxCode = 15;

        /// <returns>1.. for a listed thread, 0 for none</returns>
        public static int CodeOf(string name)
        {
            if (name == null)
                return 0;
            for (var i = 0; i < ByCode.Length; i++)
                if (ByCode[i] == name)
                    return i + 1;
            return 0;
        }

        /// <returns>the thread's name, or null for code 0 or an unknown code</returns>
        public static string NameOf(int code) => code >= 1 && code <= ByCode.Length ? ByCode[code - 1] : null;
    }
}
