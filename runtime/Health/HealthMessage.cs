using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The fields of the health events (the outbox's encoder asks, <see cref="EventEncoder.HealthFields"/>) (docs/mqtt-api.md, docs/schemas/event-health*.schema.json) from their journal
    /// records: the day's figures part by part (an array each), and a warning's part, figure, value, threshold and advice.
    /// </summary>
    public sealed class HealthMessage : IEventFields
    {
        public void Warning(JsonWriter w, JournalReader r)
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

        /// <summary>
        /// The day's figures, one array a part in this order (docs/schemas/event-health.schema.json names each place):
        /// arrays, not objects, so the message fits an outbox slot with every figure at its longest. The warnings raised
        /// are not repeated here: each was its own health-warning event, and the console lists them.
        /// </summary>
        private static readonly int[] Order =
        {
            HealthFigures.HeatTrendUkPerA2, HealthFigures.HeatBaselineUkPerA2, HealthFigures.HeatBaselineSessions,
            HealthFigures.ContactorOpenings, HealthFigures.ContactorLoadedOpenings, HealthFigures.ContactorWearMilli,
            HealthFigures.ContactorDelayTrendUs, HealthFigures.ContactorDelayBaselineUs,
            HealthFigures.SupplySags, HealthFigures.SupplySagMs, HealthFigures.SupplySwells, HealthFigures.SupplySwellMs,
            HealthFigures.SupplyNoLoadMv, HealthFigures.SupplyFeederMilliOhm,
            HealthFigures.RcdTests, HealthFigures.RcdFailures, HealthFigures.RcdRetried,
            HealthFigures.PilotPlateauMv, HealthFigures.PilotBaselineMv, HealthFigures.PilotRejections, HealthFigures.PilotRejectionsWorstHour,
            HealthFigures.MeterPollsToday, HealthFigures.MeterErrorsToday, HealthFigures.MeterRetriesToday,
        };

        /// <summary>Where each part's figures end in <see cref="Order"/>, in the order of <see cref="HealthPart"/>.</summary>
        private static readonly int[] PartEnds = { 3, 8, 14, 17, 21, 24 };

        public void Daily(JsonWriter w, JournalReader r)
        {
            var at = 0;
            for (var part = 0; part < HealthPart.Count; part++)
            {
                w.BeginArray(HealthPart.NameOf(part));
                for (; at < PartEnds[part]; at++)
                    w.Integer(Figure(r, Order[at]));
                w.EndArray();
            }
        }

        /// <summary>A figure of the record, 0 when the record has fewer (written by a firmware that kept fewer).</summary>
        private static int Figure(JournalReader r, int figure) => figure < r.Number ? r.HealthFigure(figure) : 0;
    }
}
