using ChargeController.Runtime.Console;

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The console's `health`: each part's figures, their baselines and thresholds in plain words, and what is warned
    /// (docs/health.md); `health reset &lt;part&gt;` after a replacement. A reply is built when a technician asks, never
    /// per tick.
    /// </summary>
    public static class HealthReport
    {
        public static string Show(HealthMonitor health, ReplyWriter reply)
        {
            if (health == null)
                return "this pile keeps no health record";
            var f = health.Figures;
            var s = health.Settings;
            var baseline = f[HealthFigures.HeatBaselineUkPerA2];
            reply.Field("connector", f[HealthFigures.HeatBaselineSessions] < s.HeatBaselineSessions
                ? "learning its baseline: " + f[HealthFigures.HeatBaselineSessions] + " of " + s.HeatBaselineSessions + " sessions, " + baseline + " uK/A2 so far"
                : "heating " + f[HealthFigures.HeatTrendUkPerA2] + " uK/A2 (last session " + f[HealthFigures.HeatLastUkPerA2] + "), baseline " + baseline +
                  ", warns at " + (long)baseline * s.HeatWarnPercent / 100 + ", derates to " + s.HeatDerateMa / 1000 + " A at " + (long)baseline * s.HeatDeratePercent / 100);
            reply.Field("contactor", f[HealthFigures.ContactorOpenings] + " openings (" + f[HealthFigures.ContactorLoadedOpenings] + " under load), " +
                health.Contactor.WearPermille / 10 + " % of " + s.ContactorRatedOps + " rated openings used, warns at " + s.ContactorWarnPercent + " %; opens in " +
                f[HealthFigures.ContactorDelayTrendUs] / 1000 + " ms, " + f[HealthFigures.ContactorDelayBaselineUs] / 1000 + " ms when new, warns at +" + s.ContactorDelayRiseMs + " ms");
            reply.Field("supply", f[HealthFigures.SupplySags] + " sags (" + f[HealthFigures.SupplySagMs] + " ms) below " + s.LowLimitMv / 1000 + " V, " +
                f[HealthFigures.SupplySwells] + " swells (" + f[HealthFigures.SupplySwellMs] + " ms) above " + s.HighLimitMv / 1000 + " V; no-load " +
                f[HealthFigures.SupplyNoLoadMv] / 1000 + " V, feeder " + f[HealthFigures.SupplyFeederMilliOhm] + " milliohm over " + f[HealthFigures.SupplyFeederSamples] +
                " sessions: " + health.Supply.RatedCurrentMv / 1000 + " V at " + s.RatedMa / 1000 + " A, warns below " + s.LowLimitMv / 1000 + " V");
            reply.Field("rcd", f[HealthFigures.RcdTests] + " self-tests, " + f[HealthFigures.RcdFailures] + " failed, " + f[HealthFigures.RcdRetried] +
                " passed only on a retry; warns at " + s.RcdRetriesPerDay + " a day");
            reply.Field("pilot", "+12 V level " + f[HealthFigures.PilotPlateauMv] + " mV, baseline " + f[HealthFigures.PilotBaselineMv] + " mV, warns at " +
                s.PilotDriftMv + " mV drift; " + f[HealthFigures.PilotRejectionsHour] + " bounces this hour (worst today " + f[HealthFigures.PilotRejectionsWorstHour] +
                "), warns at " + s.PilotRejectionsPerHour + " an hour");
            reply.Field("meter", f[HealthFigures.MeterErrorsToday] + " of " + f[HealthFigures.MeterPollsToday] + " polls failed today (" +
                health.Meter.ErrorPermille / 10 + " %), at most " + f[HealthFigures.MeterRetriesToday] + " in a row; warns at " + s.MeterErrorPercent + " %");
            reply.Field("warnings", Warnings(f));
            return null;
        }

        private static string Warnings(HealthFigures figures)
        {
            string names = null;
            for (var i = 0; i < HealthWarnings.Count; i++)
                if (figures.Raised(i))
                    names = names == null ? HealthWarnings.NameOf(i) : names + ", " + HealthWarnings.NameOf(i);
            return names ?? "none";
        }

        /// <returns>null when reset, else why not</returns>
        public static string Reset(HealthMonitor health, string partName)
        {
            if (health == null)
                return "this pile keeps no health record";
            var part = HealthPart.Find(partName);
            if (part < 0)
            {
                var parts = HealthPart.NameOf(0);
                for (var i = 1; i < HealthPart.Count; i++)
                    parts += ", " + HealthPart.NameOf(i);
                return "bad argument: no part '" + partName + "'; the parts are " + parts;
            }
            health.Reset(part);
            return null;
        }
    }
}
