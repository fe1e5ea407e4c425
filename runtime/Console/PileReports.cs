using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Telemetry;
using ChargeController.Firmware.Text;

namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// The read-only commands: what the pile says about itself, written through <see cref="ReplyWriter"/> so that the
    /// human and the JSON reply come from the same lines. Control thread. Each returns null, or why it cannot answer.
    /// </summary>
    public static class PileReports
    {
        public const string NoTelemetry = "no platform link";
        /// <summary>The MQTT 5 reason code of a publish the broker refuses for its ACL.</summary>
        private const int NotAuthorized = 0x87;
        public const int MaxSessions = SessionLog.Capacity;

        public static string Status(IConsoleTarget pile, ReplyWriter reply, long nowMs)
        {
            reply.Field("status", Names.Of(pile.Status));
            reply.Field("error", Names.Of(pile.Error));
            reply.Field("cp", Names.Of(pile.PilotState));
            reply.Field("cpHighMv", pile.PilotHighMv);
            reply.Field("cpLowMv", pile.PilotLowMv);
            reply.Field("pilot", Names.Of(pile.PilotMode));
            reply.Field("advertisedMa", pile.AdvertisedMa);
            reply.Field("contactor", pile.ContactorClosed ? "closed" : "open");
            reply.Field("feedback", pile.ContactorFeedbackClosed ? "closed" : "open");
            reply.Field("lock", !pile.LockFitted ? "not fitted" : pile.LockLocked ? "locked" : "released");
            reply.Field("safeMode", pile.SafeMode);
            var session = pile.Session;
            if (session == null || session.Ended)
            {
                reply.Field("session", "none");
            }
            else
            {
                reply.Field("session", session.Id);
                reply.Field("idTag", session.IdTag);
                reply.Field("sessionS", (nowMs - session.StartMs) / 1000);
                var reading = pile.Meter == null ? null : pile.Meter.Latest;
                if (reading != null && session.StartWh != PileEvent.NoReading)
                    reply.Field("sessionWh", reading.ImportWh - session.StartWh);
            }
            RaisedFaults(pile.Faults, reply);
            return null;
        }

        public static string Pilot(IConsoleTarget pile, ReplyWriter reply)
        {
            reply.Field("cp", Names.Of(pile.PilotState));
            reply.Field("highMv", pile.PilotHighMv);
            reply.Field("lowMv", pile.PilotLowMv);
            reply.Field("mode", Names.Of(pile.PilotMode));
            reply.Field("dutyPermille", pile.DutyPermille);
            reply.Field("advertisedMa", pile.AdvertisedMa);
            return null;
        }

        public static string Meter(IConsoleTarget pile, ReplyWriter reply, long nowMs)
        {
            var meter = pile.Meter;
            if (meter == null)
                return "this pile has no meter (meter.profile=none)";
            reply.Field("profile", meter.Profile.Name);
            reply.Field("health", Names.Of(meter.Health));
            var reading = meter.Latest;
            if (reading == null)
            {
                reply.Field("reading", "none yet");
            }
            else
            {
                reply.Field("ageMs", nowMs - reading.TimeMs);
                reply.Field("voltageL1Mv", reading.VoltageL1Mv);
                reply.Field("voltageL2Mv", reading.VoltageL2Mv);
                reply.Field("voltageL3Mv", reading.VoltageL3Mv);
                reply.Field("currentL1Ma", reading.CurrentL1Ma);
                reply.Field("currentL2Ma", reading.CurrentL2Ma);
                reply.Field("currentL3Ma", reading.CurrentL3Ma);
                reply.Field("powerW", reading.ActivePowerW);
                reply.Field("importWh", reading.ImportWh);
                if (reading.FrequencyMhz != MeterReading.Absent)
                    reply.Field("frequencyMhz", reading.FrequencyMhz);
            }
            reply.BeginMap("errors");
            for (var health = MeterHealth.Timeout; health <= MeterHealth.ProfileIncomplete; health++)
                if (meter.CountOf(health) > 0)
                    reply.Entry(Names.Of(health), meter.CountOf(health).ToString(), false);
            reply.EndList();
            return null;
        }

        public static string Faults(IConsoleTarget pile, ReplyWriter reply)
        {
            RaisedFaults(pile.Faults, reply);
            var log = pile.FaultLog;
            reply.BeginList("log");
            for (var ago = 0; ago < log.Count; ago++)
            {
                reply.Item();
                reply.Field("at", TimeText(log.UnixSOf(ago), log.BootOf(ago), log.UptimeSOf(ago)));
                var code = log.CodeOf(ago);
                reply.Field("code", code < FaultBook.FaultCount ? FaultPolicies.DetailOf((Fault)code) : code.ToString());
                reply.Field("change", log.RaisedOf(ago) ? "raised" : "cleared");
            }
            reply.EndList();
            return null;
        }

        /// <param name="count">the argument, or null for 1</param>
        public static string Sessions(IConsoleTarget pile, ReplyWriter reply, string count, long nowMs)
        {
            var wanted = 1;
            if (count != null && (!int.TryParse(count, out wanted) || wanted < 1 || wanted > MaxSessions))
                return "bad argument: n is 1 to " + MaxSessions.ToString();
            reply.BeginList("sessions");
            var log = pile.SessionLog;
            var ended = log == null ? 0 : log.Count;
            var current = pile.Session;
            // the current session, unless its end has gone out (it is then the log's latest)
            if (current != null && (ended == 0 || log.Ended(0) != current))
            {
                reply.Item();
                SessionItem(current, reply, nowMs);
                wanted--;
            }
            for (var ago = 0; ago < wanted && ago < ended; ago++)
            {
                reply.Item();
                SessionItem(log.Ended(ago), reply, nowMs);
            }
            reply.EndList();
            return null;
        }

        public static string Outbox(IConsoleTarget pile, ReplyWriter reply)
        {
            var link = pile.Link;
            if (link == null)
                return NoTelemetry;
            reply.Field("backlog", link.Backlog);
            var boot = link.OldestBoot;
            reply.Field("oldest", boot < 0 ? "none" : boot.ToString() + "-" + link.OldestRecord.ToString());
            return null;
        }

        public static string Net(IConsoleTarget pile, ReplyWriter reply)
        {
            var link = pile.Link;
            if (link == null)
                return NoTelemetry;
            reply.Field("state", link.State);
            reply.Field("reconnects", link.Reconnects);
            reply.Field("lastError", link.LastError ?? "none");
            var refusal = link.Refusal;
            var refused = link.RefusedReason;
            if (refusal == LinkSupervisor.RefusedPublish)
                reply.Field("publishes", "refused by the broker (MQTT reason " + refused.ToString() + (refused == NotAuthorized ? ", not authorized" : "") +
                    "): its ACL does not let this pile publish; the events wait in the outbox");
            else if (refusal == LinkSupervisor.RefusedSubscription)
                reply.Field("publishes", "held: the broker refused the pile's subscriptions (its ACL does not let this pile read its topics); the events wait in the outbox");
            else if (refusal == LinkSupervisor.NotDelivered)
                reply.Field("publishes", "not delivered: the broker acknowledged the pile's delivery probe but never delivered it (its ACL does not let this pile publish); the events wait in the outbox");
            return null;
        }

        public static string Version(IConsoleTarget pile, ReplyWriter reply)
        {
            reply.Field("firmware", pile.FirmwareVersion);
            return null;
        }

        public static string Uptime(IConsoleTarget pile, ReplyWriter reply, long nowMs)
        {
            var seconds = nowMs / 1000;
            reply.Field("uptimeS", seconds);
            reply.Field("uptime", (seconds / 86400).ToString() + "d " + (seconds / 3600 % 24).ToString("D2") + ":" +
                (seconds / 60 % 60).ToString("D2") + ":" + (seconds % 60).ToString("D2"));
            reply.Field("bootReason", Names.Of(pile.BootReason));
            reply.Field("bootNumber", pile.BootNumber);
            return null;
        }

        /// <param name="prefix">only keys starting with it, or null for all</param>
        public static string ConfigList(IConsoleTarget pile, ReplyWriter reply, string prefix)
        {
            if (!AnyKeyStartsWith(prefix))
                return "no config key starts with '" + prefix + "'"; // before any output: the reply is the error alone
            var config = pile.Config;
            reply.BeginMap("config");
            foreach (var key in ConfigKeys.All)
                if (prefix == null || key.Name.StartsWith(prefix))
                    reply.Entry(key.Name, key.Format(config.Get(key)), key.Choices != null);
            reply.EndList();
            return null;
        }

        private static bool AnyKeyStartsWith(string prefix)
        {
            foreach (var key in ConfigKeys.All)
                if (prefix == null || key.Name.StartsWith(prefix))
                    return true;
            return false;
        }

        public static string ConfigGet(IConsoleTarget pile, ReplyWriter reply, string name)
        {
            var key = ConfigKeys.Find(name);
            if (key == null)
                return "unknown config key '" + name + "' (config list shows them)";
            var value = pile.Config.Get(key);
            reply.Field("key", key.Name);
            if (key.Choices != null)
            {
                reply.Field("value", key.Format(value));
                reply.Field("default", key.Format(key.Default));
            }
            else
            {
                reply.Field("value", value);
                reply.Field("default", key.Default);
                reply.Field("unit", key.Unit);
            }
            reply.Field("allowed", key.AllowedText());
            reply.Field("meaning", key.Meaning);
            return null;
        }

        /// <param name="topic">the words after help (1 or 2), or null for the list</param>
        public static string Help(ReplyWriter reply, string[] topic)
        {
            if (topic == null)
            {
                reply.BeginMap("commands");
                foreach (var command in ConsoleCommands.All)
                    reply.Entry(command.Usage, command.Summary + AccessNote(command.Access), true);
                reply.EndList();
                return null;
            }
            var match = ConsoleCommands.Match(topic);
            if (match == null || match.WordCount != topic.Length)
                return "unknown command '" + Join(topic) + "' (type help)";
            reply.Field("usage", match.Usage);
            reply.Field("access", AccessName(match.Access));
            reply.Field("summary", match.Summary);
            reply.Field("example", match.Example);
            return null;
        }

        private static void RaisedFaults(FaultBook faults, ReplyWriter reply)
        {
            reply.BeginList("faults");
            for (var i = 0; i < FaultBook.FaultCount; i++)
            {
                var fault = (Fault)i;
                if (!faults.IsRaised(fault))
                    continue;
                reply.Item();
                reply.Field("code", FaultPolicies.DetailOf(fault));
                reply.Field("ocpp", Names.Of(FaultPolicies.CodeOf(fault)));
                reply.Field("latched", faults.IsLatched(fault));
                reply.Field("retries", faults.RetriesOf(fault));
            }
            reply.EndList();
        }

        private static void SessionItem(Session session, ReplyWriter reply, long nowMs)
        {
            reply.Field("id", session.Id);
            reply.Field("idTag", session.IdTag);
            if (session.StartUnixS > 0)
                reply.Field("startUnixS", session.StartUnixS);
            var durationS = session.DurationS(nowMs);
            if (durationS >= 0)
                reply.Field("durationS", durationS);
            if (session.HasEnergy)
                reply.Field("energyWh", session.EnergyWh);
            reply.Field("end", session.Ended ? Names.Of(session.Reason) : "running");
            reply.Field("offline", session.Offline);
            reply.Field("unmetered", session.Unmetered);
        }

        /// <summary>UTC as ISO-8601 when the wall clock was known, else the boot and its uptime ("boot 3 +125s").</summary>
        private static string TimeText(long unixS, int boot, long uptimeS)
        {
            if (unixS <= 0)
                return "boot " + boot.ToString() + " +" + uptimeS.ToString() + "s";
            int year, month, day;
            UtcCalendar.DateOf(unixS, out year, out month, out day);
            var secondOfDay = (int)(unixS % UtcCalendar.SecondsPerDay);
            return year.ToString("D4") + "-" + month.ToString("D2") + "-" + day.ToString("D2") + "T" +
                (secondOfDay / 3600).ToString("D2") + ":" + (secondOfDay / 60 % 60).ToString("D2") + ":" +
                (secondOfDay % 60).ToString("D2") + "Z";
        }

        private static string AccessNote(CommandAccess access) =>
            access == CommandAccess.Open ? "" : access == CommandAccess.LoggedIn ? " [login]" : " [technician]";

        public static string AccessName(CommandAccess access) =>
            access == CommandAccess.Open ? "open" : access == CommandAccess.LoggedIn ? "login" : "technician";

        private static string Join(string[] words)
        {
            var text = words[0];
            for (var i = 1; i < words.Length; i++)
                text += " " + words[i];
            return text;
        }
    }
}
