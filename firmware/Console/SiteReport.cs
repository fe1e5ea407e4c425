using ChargeController.Firmware.Site;

namespace ChargeController.Firmware.Console
{
    /// <summary>The console's `site`: the mode, the site's current per phase, the headroom, the cap and why (docs/console.md).</summary>
    public static class SiteReport
    {
        private static readonly string[] Modes = { "off", "limit", "solar" };

        public static string Write(SiteControl site, ReplyWriter reply)
        {
            reply.Field("mode", Modes[site.Mode]);
            if (site.Mode == SiteSetup.ModeOff)
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
            reply.Field("why", SiteReason.Explain(site.Reason));
            return null;
        }
    }
}
