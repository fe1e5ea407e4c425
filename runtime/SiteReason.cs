namespace ChargeController.Runtime
{
    /// <summary>Why the site lets the pile offer what it does (the console's `site` and the telemetry's site.reason).</summary>
    public static class SiteReason
    {
        public const int Off = 0;
        public const int Headroom = 1;
        public const int Rising = 2;
        public const int Lost = 3;
        public const int Paused = 4;
        public const int SolarExport = 5;
        public const int SolarWaiting = 6;
        public const int SolarShort = 7;

        /// <summary>Short names for the telemetry (a fixed set: docs/mqtt-api.md).</summary>
        public static string Name(int reason)
        {
            switch (reason)
            {
                case Headroom: return "headroom";
                case Rising: return "rising";
                case Lost: return "meter-lost";
                case Paused: return "paused";
                case SolarExport: return "solar";
                case SolarWaiting: return "solar-waiting";
                case SolarShort: return "solar-short";
                default: return "off";
            }
        }
    }
}
