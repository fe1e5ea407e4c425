using ChargeController.Firmware.Health;
using ChargeController.Firmware.Storage;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The fields of the health events (docs/mqtt-api.md, docs/schemas/event-health*.schema.json) from their journal
    /// records: the day's figures part by part, and a warning's part, figure, value, threshold and advice.
    /// </summary>
    public static class HealthMessage
    {
        public static void Warning(JsonWriter w, JournalReader r)
        {
            var warning = r.Code;
            if (warning < 0 || warning >= HealthWarnings.Count)
                return; // cannot happen: the journal holds what this firmware wrote
            w.String("part", HealthPart.NameOf(HealthWarnings.PartOf(warning)))
                .String("figure", HealthWarnings.FigureOf(warning))
                .Integer("value", r.Number)
                .Integer("threshold", r.Wh)
                .String("advice", HealthWarnings.AdviceOf(warning));
        }

        public static void Daily(JsonWriter w, JournalReader r)
        {
            w.BeginObject("connector")
                .Integer("heatUkPerA2", Figure(r, HealthFigures.HeatTrendUkPerA2))
                .Integer("baselineUkPerA2", Figure(r, HealthFigures.HeatBaselineUkPerA2))
                .Integer("baselineSessions", Figure(r, HealthFigures.HeatBaselineSessions))
                .EndObject();
            w.BeginObject("contactor")
                .Integer("openings", Figure(r, HealthFigures.ContactorOpenings))
                .Integer("loadedOpenings", Figure(r, HealthFigures.ContactorLoadedOpenings))
                .Integer("wearMilli", Figure(r, HealthFigures.ContactorWearMilli))
                .Integer("delayUs", Figure(r, HealthFigures.ContactorDelayTrendUs))
                .Integer("baselineUs", Figure(r, HealthFigures.ContactorDelayBaselineUs))
                .EndObject();
            w.BeginObject("supply")
                .Integer("sags", Figure(r, HealthFigures.SupplySags))
                .Integer("sagMs", Figure(r, HealthFigures.SupplySagMs))
                .Integer("swells", Figure(r, HealthFigures.SupplySwells))
                .Integer("swellMs", Figure(r, HealthFigures.SupplySwellMs))
                .Integer("noLoadMv", Figure(r, HealthFigures.SupplyNoLoadMv))
                .Integer("feederMilliOhm", Figure(r, HealthFigures.SupplyFeederMilliOhm))
                .EndObject();
            w.BeginObject("rcd")
                .Integer("tests", Figure(r, HealthFigures.RcdTests))
                .Integer("failures", Figure(r, HealthFigures.RcdFailures))
                .Integer("retried", Figure(r, HealthFigures.RcdRetried))
                .EndObject();
            w.BeginObject("pilot")
                .Integer("plateauMv", Figure(r, HealthFigures.PilotPlateauMv))
                .Integer("baselineMv", Figure(r, HealthFigures.PilotBaselineMv))
                .Integer("rejections", Figure(r, HealthFigures.PilotRejections))
                .Integer("worstHour", Figure(r, HealthFigures.PilotRejectionsWorstHour))
                .EndObject();
            w.BeginObject("meter")
                .Integer("polls", Figure(r, HealthFigures.MeterPollsToday))
                .Integer("errors", Figure(r, HealthFigures.MeterErrorsToday))
                .Integer("worstRun", Figure(r, HealthFigures.MeterRetriesToday))
                .EndObject();
            var bits = Figure(r, HealthFigures.WarningBits);
            w.BeginArray("warnings");
            for (var i = 0; i < HealthWarnings.Count; i++)
                if ((bits & (1 << i)) != 0)
                    w.String(HealthWarnings.NameOf(i));
            w.EndArray();
        }

        /// <summary>A figure of the record, 0 when the record has fewer (written by a firmware that kept fewer).</summary>
        private static int Figure(JournalReader r, int figure) => figure < r.Number ? r.HealthFigure(figure) : 0;
    }
}
