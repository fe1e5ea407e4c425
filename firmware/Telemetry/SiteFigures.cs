namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The telemetry's "site" object (site.mode limit or solar; docs/mqtt-api.md): the mode, the site's current per
    /// phase (signed: negative exports), what the site leaves the pile (headroomA), the cap in force (capA) and why.
    /// </summary>
    public static class SiteFigures
    {
        public static void Encode(JsonWriter w, TelemetrySample s)
        {
            w.BeginObject("site").String("mode", s.SiteMode == Site.SiteSetup.ModeLimit ? "limit" : "solar").BeginArray("currentA");
            for (var i = 0; i < s.SitePhases; i++)
                w.Fixed(s.SiteMa[i] / 10, 2);
            w.EndArray().Fixed("headroomA", (s.SiteTargetMa < 0 ? 0 : s.SiteTargetMa) / 100, 1)
                .Fixed("capA", (s.SiteCapMa < 0 ? 0 : s.SiteCapMa) / 100, 1)
                .String("reason", Site.SiteReason.Name(s.SiteReason)).EndObject();
        }
    }
}
