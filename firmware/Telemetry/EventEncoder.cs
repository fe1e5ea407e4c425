using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The messages of topic &lt;root&gt;/events (docs/schemas/event-*.schema.json): boot, session start and end, fault
    /// raised and cleared, config changed, a technician's login or protected command at the console. Each names itself in "event" and carries its id, unique for the pile's life:
    /// the boot number and a sequence within that boot, given by the outbox when the event enters it; the platform
    /// de-duplicates on (pile, boot, seq). Allocates nothing.
    /// </summary>
    public sealed class EventEncoder : MessageEncoder
    {
        public EventEncoder(JsonWriter writer, string pileId) : base(writer, pileId)
        {
        }

        /// <summary>The core events the platform receives: boots, session starts and ends, fault changes.</summary>
        public static bool IsPlatformEvent(PileEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.Boot:
                case EventKind.Fault:
                    return true;
                case EventKind.Session:
                    return e.Code == EventRing.SessionStart || e.Code == EventRing.SessionEnd;
                default:
                    return false;
            }
        }

        /// <returns>false when the event is not for the platform (<see cref="IsPlatformEvent"/>) or did not fit the writer</returns>
        public bool Encode(PileEvent e, int bootNumber, int sequence)
        {
            if (!IsPlatformEvent(e))
                return false;
            switch (e.Kind)
            {
                case EventKind.Boot:
                    Begin("boot", bootNumber, sequence, e.TimeMs, e.UnixS).String("reason", Names.Of((BootReason)e.Code));
                    break;
                case EventKind.Fault:
                    var fault = (Fault)e.Code;
                    var w = Begin(e.Flag ? "fault-raised" : "fault-cleared", bootNumber, sequence, e.TimeMs, e.UnixS);
                    w.String("code", Names.Of(FaultPolicies.CodeOf(fault))).String("detail", FaultPolicies.DetailOf(fault));
                    if (e.Flag)
                        w.Bool("latched", e.Flag2);
                    w.Integer("retries", e.Value);
                    break;
                default:
                    Session(e, bootNumber, sequence);
                    break;
            }
            return End();
        }

        /// <summary>A configuration key was changed and stored (by the console or the platform).</summary>
        /// <param name="value">the value as the console and docs/configuration.md write it</param>
        /// <param name="atNextBoot">the change applies when the pile next boots, not now</param>
        public bool ConfigChanged(string key, string value, bool atNextBoot, int bootNumber, int sequence, long uptimeMs, long unixS)
        {
            Begin("config-changed", bootNumber, sequence, uptimeMs, unixS).String("key", key).String("value", value).Bool("atNextBoot", atNextBoot);
            return End();
        }

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
                    if (r.Wh != PileEvent.NoReading)
                        w.Integer("stopWh", r.Wh);
                    if (r.StartWh != PileEvent.NoReading && r.Wh != PileEvent.NoReading)
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
                    break;
                case JournalRecordKind.ConfigChange:
                    w = Begin("config-changed", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "key", r, r.KeyAt);
                    Text(w, "value", r, r.ValueAt);
                    w.Bool("atNextBoot", r.Active);
                    break;
                case JournalRecordKind.Console:
                    w = Begin("console", boot, sequence, r.UptimeMs, r.UnixS);
                    Text(w, "action", r, r.SessionIdAt); // the command's words; a PIN is typed on a line of its own, never recorded
                    w.Bool("accepted", r.Active);
                    if (!r.Active)
                        Text(w, "reason", r, r.IdTagAt);
                    break;
                default:
                    return false;
            }
            return End();
        }

        /// <summary>A string of the record, or "" when the record has none (written before the field was kept).</summary>
        private static void Text(JsonWriter w, string name, JournalReader r, int at)
        {
            if (at < 0)
                w.String(name, "");
            else
                w.String(name, r.Buffer, at + 1, r.Buffer[at]);
        }

        private void Session(PileEvent e, int bootNumber, int sequence)
        {
            var end = e.Code == EventRing.SessionEnd;
            var w = Begin(end ? "session-end" : "session-start", bootNumber, sequence, e.TimeMs, e.UnixS);
            w.String("session", e.Text).String("idTag", e.Text2 ?? "");
            if (end)
                w.String("reason", Names.Of((StopReason)e.Value));
            if (e.Long1 != PileEvent.NoReading)
                w.Integer("startWh", e.Long1);
            if (end && e.Long2 != PileEvent.NoReading)
                w.Integer("stopWh", e.Long2);
            if (end && e.Long1 != PileEvent.NoReading && e.Long2 != PileEvent.NoReading)
                w.Integer("energyWh", e.Long2 - e.Long1);
            w.Bool("offline", (e.Value2 & EventRing.SessionOffline) != 0);
            if (end)
                w.Bool("unmetered", (e.Value2 & EventRing.SessionUnmetered) != 0);
        }

        private JsonWriter Begin(string eventName, int bootNumber, int sequence, long uptimeMs, long unixS)
        {
            Begin().String("event", eventName).Integer("boot", bootNumber).Integer("seq", sequence);
            return Times(uptimeMs, unixS);
        }
    }
}
