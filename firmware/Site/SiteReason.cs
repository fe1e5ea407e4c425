namespace ChargeController.Firmware.Site
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

        /// <summary>The console's sentence.</summary>
        public static string Explain(int reason)
        {
            switch (reason)
            {
                case Headroom: return "the site limit minus what the rest of the site draws (worst phase)";
                case Rising: return "rising toward the headroom at site.raiseAPerS";
                case Lost: return "the site meter is lost or implausible: site.lostA";
                case Paused: return "paused for site.pauseS: the offer fell below 6 A while charging, or the site stayed over its limit after the vehicle's response time";
                case SolarExport: return "the site's export plus site.solar.importA (worst phase)";
                case SolarWaiting: return "waiting for an export of site.solar.startA for site.solar.startS";
                case SolarShort: return "the export fell short (below 6 A with site.solar.importA, or below site.solar.stopA for site.solar.stopS): waiting again";
                default: return "site.mode is off";
            }
        }
    }
}
