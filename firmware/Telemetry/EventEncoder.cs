using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;
using ChargeController.Firmware.Updates;
using ChargeController.Loader;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The messages of topic &lt;root&gt;/events (docs/schemas/event-*.schema.json): boot, session start and end, fault
    /// raised and cleared, config changed, a technician's login or protected command at the console, each encoded from
    /// its journal record (the outbox reads the journal). Each names itself in "event" and carries its id, unique for the
    /// pile's life: the record's boot number and its number within that boot; the platform de-duplicates on (pile, boot,
    /// seq). Allocates nothing.
    /// </summary>
    public sealed class EventEncoder : MessageEncoder
    {
        public EventEncoder(JsonWriter writer, string pileId) : base(writer, pileId)
        {
        }

        /// <summary>The health events' fields (set at boot by the runtime); without them a health record is not a platform event.</summary>
        public IEventFields HealthFields { get; set; }

        /// <summary>
        /// The platform event of a journal record (the outbox's way: the id is the record's sequence, boot number above,
        /// number within the boot below), its strings copied from the reader's buffer in place.
        /// </summary>
        /// <returns>false when the record is not a platform event or did not fit the writer</returns>
        public bool Encode(JournalReader r)
        {
            var boot = (int)(r.Sequence >> 32);
            var sequence = (int)(r.Sequence & 0x7FFFFFFF);
            JsonWriter w;
            switch (r.Kind)
            {
                case JournalRecordKind.Boot:
                    Begin("boot", boot, sequence, r.UptimeMs, r.UnixS).String("reason", Names.Of((BootReason)r.Code));
                    break;
                case JournalRecordKind.Fault:
                    var fault = (Fault)r.Code;
                    w = Begin(r.Active ? "fault-raised" : "fault-cleared", boot, sequence, r.UptimeMs, r.UnixS);
                    w.String("code", Names.Of(FaultPolicies.CodeOf(fault))).String("detail", FaultPolicies.DetailOf(fault));
                    if (r.Active)
                        w.Bool("latched", r.Latched);
                    w.Integer("retries", r.Number);
                    break;
                case JournalRecordKind.SessionOpen:
                    w = Begin("session-start", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "session", r, r.SessionIdAt);
                    Text(w, "idTag", r, r.IdTagAt);
                    if (r.Wh != PileEvent.NoReading)
                        w.Integer("startWh", r.Wh);
                    w.Bool("offline", (r.Code & EventRing.SessionOffline) != 0);
                    break;
                case JournalRecordKind.SessionClose:
                    w = Begin("session-end", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "session", r, r.SessionIdAt);
                    Text(w, "idTag", r, r.IdTagAt);
                    w.String("reason", Names.Of((StopReason)r.Code));
                    if (r.StartWh != PileEvent.NoReading)
                        w.Integer("startWh", r.StartWh);
                    if ((r.Number & EventRing.SessionLastReadingOnly) != 0)
                        LastReading(w, r);
                    else if (r.Wh != PileEvent.NoReading)
                        w.Integer("stopWh", r.Wh);
                    if (r.StartWh != PileEvent.NoReading && r.Wh != PileEvent.NoReading && (r.Number & EventRing.SessionLastReadingOnly) == 0)
                        w.Integer("energyWh", r.Wh - r.StartWh);
                    w.Bool("offline", (r.Number & EventRing.SessionOffline) != 0);
                    w.Bool("unmetered", (r.Number & EventRing.SessionUnmetered) != 0);
                    if (r.BandCount > 0)
                    {
                        w.BeginArray("bandsWh");
                        for (var band = 0; band < r.BandCount; band++)
                            w.Integer(r.BandWh(band));
                        w.EndArray();
                    }
                    if (r.SolarWh >= 0)
                        w.Integer("solarWh", r.SolarWh);
                    break;
                case JournalRecordKind.ConfigChange:
                    w = Begin("config-changed", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "key", r, r.KeyAt);
                    Text(w, "value", r, r.ValueAt);
                    w.Bool("atNextBoot", r.Active);
                    break;
                case JournalRecordKind.Update:
                    w = Begin("update", boot, sequence, r.UptimeMs, r.UnixS);
                    UpdateFields(w, r);
                    break;
                case JournalRecordKind.Console:
                    w = Begin("console", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "action", r, r.SessionIdAt); // the command's words; a PIN is typed on a line of its own, never recorded
                    w.Bool("accepted", r.Active);
                    if (!r.Active)
                        Text(w, "reason", r, r.IdTagAt);
                    break;
                case JournalRecordKind.HealthWarning:
                    if (HealthFields == null)
                        return false;
                    HealthFields.Warning(Begin("health-warning", boot, sequence, r.UptimeMs, r.UnixS), r);
                    break;
                case JournalRecordKind.Health:
                    if (HealthFields == null)
                        return false;
                    HealthFields.Daily(Begin("health", boot, sequence, r.UptimeMs, r.UnixS), r);
                    break;
                default:
                    return false;
            }
            return End();
        }

        /// <summary>An update's step: the state, the versions once known, a download's progress, a refusal's or rollback's reason.</summary>
        private static void UpdateFields(JsonWriter w, JournalReader r)
        {
            w.String("state", UpdateStates.Name(r.Code));
            if (r.ValueAt >= 0 && r.Buffer[r.ValueAt] > 0)
                Text(w, "package", r, r.ValueAt);
            if (r.Number > 0)
                w.String("version", UpdateVersion.Format(r.Number));
            if (r.StartWh > 0)
                w.String("fromVersion", UpdateVersion.Format((int)r.StartWh));
            if (r.Code == UpdateStates.Downloading)
            {
                Text(w, "file", r, r.KeyAt);
                w.Integer("bytes", r.Wh).Integer("totalBytes", r.TotalBytes);
            }
            if (r.Code == UpdateStates.Rejected || r.Code == UpdateStates.RolledBack)
                Text(w, "reason", r, r.KeyAt);
        }

        /// <summary>A string of the record, or "" when the record has none (written before the field was kept).</summary>
        private static void Text(JsonWriter w, string name, JournalReader r, int at)
        {
            if (at < 0)
                w.String(name, "");
            else
                w.String(name, r.Buffer, at + 1, r.Buffer[at]);
        }

        /// <summary>
        /// An end without a stop reading: the last plausible reading the session reached (the energy is at least lastWh -
        /// startWh), and whether that is its last checkpoint because a later session ran before it could be closed.
        /// </summary>
        private static void LastReading(JsonWriter w, JournalReader r)
        {
            if (r.Wh == PileEvent.NoReading)
                return;
            w.Integer("lastWh", r.Wh);
            if ((r.Number & EventRing.SessionEndFromCheckpoint) != 0)
                w.String("estimatedFrom", "checkpoint");
        }

        private JsonWriter Begin(string eventName, int bootNumber, int sequence, long uptimeMs, long unixS)
        {
            Begin().String("event", eventName).Integer("boot", bootNumber).Integer("seq", sequence);
            return Times(uptimeMs, unixS);
        }
    }
}
