using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The retained message of topic &lt;root&gt;/status (docs/schemas/status.schema.json): online, the connector's OCPP
    /// status and error code, every raised fault, firmware, boot, outbox backlog, dropped records, link statistics and the
    /// versions of tariff, opening hours and fleet list. Its
    /// offline form is the last will (docs/schemas/status-offline.schema.json). Writes into the given writer, allocating nothing.
    /// </summary>
    public sealed class StatusEncoder : MessageEncoder
    {
        private readonly string _firmwareVersion;

        public StatusEncoder(JsonWriter writer, string pileId, string firmwareVersion) : base(writer, pileId)
        {
            _firmwareVersion = firmwareVersion;
        }

        /// <param name="outboxRecords">events waiting in the outbox for the broker's acknowledgement</param>
        /// <param name="droppedRecords">events the outbox lost since it was created, because it was full</param>
        /// <returns>false when the message did not fit the writer</returns>
        public bool Online(StatusView view, int outboxRecords, long droppedRecords, LinkStatistics link, long uptimeMs, long unixS)
        {
            var w = Begin().Bool("online", true);
            w.String("status", Names.Of(view.Status)).String("error", Names.Of(view.Error));
            w.BeginArray("faults");
            for (var i = 0; i < FaultBook.FaultCount; i++)
            {
                var fault = (Fault)i;
                if (!view.IsRaised(fault))
                    continue;
                w.BeginObject().String("code", Names.Of(FaultPolicies.CodeOf(fault))).String("detail", FaultPolicies.DetailOf(fault));
                w.Bool("latched", view.IsLatched(fault)).EndObject();
            }
            w.EndArray();
            w.String("firmware", _firmwareVersion);
            if (view.UpdateState != Updates.UpdateStates.Idle)
                w.String("update", Updates.UpdateStates.Name(view.UpdateState)); // an update under way, or how this boot's ended
            w.BeginObject("boot").Integer("number", view.BootNumber).String("reason", Names.Of(view.BootReason)).EndObject();
            w.Integer("outbox", outboxRecords).Integer("dropped", droppedRecords);
            w.BeginObject("link").Integer("connects", link.Connects).Integer("losses", link.Losses);
            w.Integer("dnsFailures", link.DnsFailures).Integer("tlsFailures", link.TlsFailures);
            w.Integer("authFailures", link.AuthenticationFailures).Integer("otherFailures", link.OtherFailures).EndObject();
            w.BeginObject("tables").Integer("tariff", view.TariffVersion).Integer("schedule", view.ScheduleVersion);
            w.Integer("fleet", view.FleetVersion).EndObject();
            Times(uptimeMs, unixS);
            return End();
        }

        /// <summary>The last will, encoded once at start-up: the broker publishes it (retained) when the pile vanishes.</summary>
        public bool Offline()
        {
            Begin().Bool("online", false);
            return End();
        }
    }
}
