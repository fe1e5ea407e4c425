using ChargeController.Runtime.Console;
using ChargeController.Firmware.Site;

namespace ChargeController.Runtime
{
    /// <summary>The console's `site`: the mode, the site's current per phase, the headroom, the cap and why (docs/console.md).</summary>
    public static class SiteReport
    {
        private static readonly string[] Modes = { "off", "limit", "solar" };

        /// <param name="site">null with site.mode=off</param>
        public static string Write(SiteControl site, ReplyWriter reply)
        {
            reply.Field("mode", Modes[site == null ? SiteSetup.ModeOff : site.Mode]);
            if (site == null || site.Mode == SiteSetup.ModeOff)
                return null;
            reply.Field("siteL1Ma", site.SiteMa(0));
            if (site.SitePhases == 3)
            {
                reply.Field("siteL2Ma", site.SiteMa(1));
                reply.Field("siteL3Ma", site.SiteMa(2));
            }
            reply.Field("headroomMa", site.TargetMa);
            reply.Field("capMa", site.CapMa);
            reply.Field("reason", SiteReason.Name(site.Reason));
            reply.Field("why", Explain(site.Reason));
            if (site.Swapped)
                reply.Field("warning", "the pile's meter reads current with the contactor open, the site meter none: meter.address and site.meter.address swapped? Probe both with MeterProbe");
            return null;
        }

        /// <summary>The console's sentence for a <see cref="SiteReason"/> code.</summary>
        public static string Explain(int reason)
        {
            switch (reason)
            {
                case SiteReason.Headroom: return "the site limit minus what the rest of the site draws (worst phase)";
                case SiteReason.Rising: return "rising toward the headroom at site.raiseAPerS";
                case SiteReason.Lost: return "the site meter is lost or implausible: site.lostA";
                case SiteReason.Paused: return "paused for site.pauseS: the offer fell below 6 A while charging, or the site stayed over its limit after the vehicle's response time";
                case SiteReason.SolarExport: return "the site's export plus site.solar.importA (worst phase)";
                case SiteReason.SolarWaiting: return "waiting for an export of site.solar.startA for site.solar.startS";
                case SiteReason.SolarShort: return "the export fell short (below 6 A with site.solar.importA, or below site.solar.stopA for site.solar.stopS): waiting again";
                default: return "site.mode is off";
            }
        }
    }
}
