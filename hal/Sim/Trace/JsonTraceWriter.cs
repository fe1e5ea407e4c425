using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;
using ChargeController.Firmware.Updates;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// The trace format (docs/scenarios.md): JSON Lines, one event a line, "t" in ms since the start. The names of the
    /// fields and events are fixed; fields may be added. MQTT messages are lines of their own, "ev":"mqtt".
    /// </summary>
    public sealed class JsonTraceWriter : LineEventWriter, ILinkObserver, IMessageTrace, ISiteTrace
    {
        private readonly JsonReader _json = new JsonReader();

        public JsonTraceWriter(ITraceSink sink) : base(sink)
        {
        }

        /// <summary>{"t":..,"ev":"mqtt","dir":"out","topic":..,"qos":1,"retain":false,"payload":..}: each publish of the pile.</summary>
        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain) =>
            Mqtt(nowMs, false, topic, (int)qos, retain, payload, count);

        /// <summary>{"t":..,"ev":"mqtt","dir":"in","topic":..,"payload":..}: a command as the pile receives it.</summary>
        public void Received(long timeMs, string topic, byte[] payload, int length) => Mqtt(timeMs, true, topic, 0, false, payload, length);

        public void LinkChanged(long nowMs, bool up, string reason)
        {
            Line.Clear();
            Line.Append("{\"t\":").Append(nowMs).Append(",\"ev\":\"link\"");
            Field("up", up);
            Field("reason", reason);
            Line.Append('}');
            Send();
        }

        /// <summary>{"t":..,"ev":"site","currentMa":[l1(,l2,l3)]}: the site meter's current per phase, signed (negative exports).</summary>
        public void SiteCurrent(long timeMs, int l1Ma, int l2Ma, int l3Ma, int phases)
        {
            Line.Clear();
            Line.Append("{\"t\":").Append(timeMs).Append(",\"ev\":\"site\",\"currentMa\":[").Append(l1Ma);
            if (phases == 3)
                Line.Append(',').Append(l2Ma).Append(',').Append(l3Ma);
            Line.Append("]}");
            Send();
        }

        protected override void Render(PileEvent e)
        {
            Line.Append("{\"t\":").Append(e.TimeMs).Append(",\"ev\":");
            switch (e.Kind)
            {
                case EventKind.Boot:
                    Line.Append("\"boot\"");
                    Field("reason", Names.Of((BootReason)e.Code));
                    Field("number", e.Value);
                    if (e.Text != null)
                        Field("thread", e.Text);
                    break;
                case EventKind.Watchdog:
                    Line.Append("\"watchdog\"");
                    Field("stalledMs", e.Value);
                    if (e.Text != null)
                        Field("thread", e.Text);
                    break;
                case EventKind.SafetyLoop:
                    Line.Append("\"safety-loop\"");
                    Field("cause", Names.Of((SafetyCause)e.Code));
                    break;
                case EventKind.ConfigWarning:
                    Line.Append("\"config\"");
                    Field("warning", e.Text);
                    break;
                case EventKind.Cp:
                    Line.Append("\"cp\"");
                    Field("state", Names.Of((PilotState)e.Code));
                    break;
                case EventKind.Pilot:
                    Line.Append("\"pilot\"");
                    Field("mode", Names.Of((PilotMode)e.Code));
                    Field("duty", e.Value);
                    Field("amps", e.Value2 / 1000);
                    break;
                case EventKind.Contactor:
                    Line.Append("\"contactor\"");
                    Field("closed", e.Flag);
                    break;
                case EventKind.Status:
                    Line.Append("\"status\"");
                    Field("status", Names.Of((ConnectorStatus)e.Code));
                    Field("error", Names.Of((ErrorCode)e.Value));
                    break;
                case EventKind.Fault:
                    Line.Append("\"fault\"");
                    Field("code", Names.Of(FaultPolicies.CodeOf((Fault)e.Code)));
                    Field("active", e.Flag);
                    Field("detail", FaultPolicies.DetailOf((Fault)e.Code));
                    if (e.Flag2)
                        Field("latched", true);
                    if (e.Value > 0)
                        Field("retries", e.Value);
                    if (e.Flag && FaultPolicies.AdviceOf((Fault)e.Code) != null)
                        Field("advice", FaultPolicies.AdviceOf((Fault)e.Code));
                    break;
                case EventKind.Lock:
                    Line.Append("\"lock\"");
                    Field("locked", e.Flag);
                    break;
                case EventKind.Session when e.Code == EventRing.SessionCheckpoint:
                    Line.Append("\"session\"");
                    Field("phase", "checkpoint");
                    Field("id", e.Text);
                    Field("wh", e.Long1);
                    break;
                case EventKind.Session:
                    Line.Append("\"session\"");
                    Field("phase", e.Code == EventRing.SessionStart ? "start" : "end");
                    Field("id", e.Text);
                    Field("idTag", e.Text2);
                    if (e.Code == EventRing.SessionEnd)
                        Field("reason", Names.Of((StopReason)e.Value));
                    if (e.Long1 != PileEvent.NoReading)
                        Field("startWh", e.Long1);
                    if ((e.Value2 & EventRing.SessionLastReadingOnly) != 0)
                    {
                        Field("lastWh", e.Long2);
                        if ((e.Value2 & EventRing.SessionEndFromCheckpoint) != 0)
                            Field("estimatedFrom", "checkpoint");
                    }
                    else if (e.Long2 != PileEvent.NoReading)
                    {
                        Field("stopWh", e.Long2);
                        Field("energyWh", e.Long2 - e.Long1);
                    }
                    if ((e.Value2 & EventRing.SessionOffline) != 0)
                        Field("offline", true);
                    if ((e.Value2 & EventRing.SessionUnmetered) != 0)
                        Field("unmetered", true);
                    if (e.BandCount > 0)
                        Line.Append(",\"bandsWh\":[").Append(e.Band0Wh).Append(',').Append(e.Band1Wh).Append(',').Append(e.Band2Wh).Append(',')
                            .Append(e.Band3Wh).Append(']');
                    if (e.HasSolar)
                        Field("solarWh", e.SolarWh);
                    break;
                case EventKind.Meter:
                    Line.Append("\"meter\"");
                    Field("ok", (MeterHealth)e.Code == MeterHealth.Ok);
                    if ((MeterHealth)e.Code != MeterHealth.Ok)
                        Field("error", Names.Of((MeterHealth)e.Code));
                    if ((MeterHealth)e.Code == MeterHealth.SlaveException)
                        Field("exception", e.Value);
                    break;
                case EventKind.Command:
                    Line.Append("\"command\"");
                    Answer("command", e);
                    break;
                case EventKind.Console:
                    Line.Append("\"console\"");
                    Answer("action", e);
                    break;
                case EventKind.Update:
                    Line.Append("\"update\"");
                    Field("state", UpdateStates.Name(e.Code));
                    if (e.Text2 != null && e.Text2.Length > 0)
                        Field("package", e.Text2);
                    if (e.Text != null)
                        Field(e.Code == UpdateStates.Downloading ? "file" : "reason", e.Text);
                    if (e.Value > 0)
                        Field("version", UpdateVersion.Format(e.Value));
                    if (e.Code == UpdateStates.Downloading)
                    {
                        Field("bytes", e.Long1);
                        Field("totalBytes", e.Long2);
                    }
                    break;
                case EventKind.Tables:
                    Line.Append("\"tables\"");
                    Field("tariff", e.Code);
                    Field("schedule", e.Value);
                    Field("fleet", e.Value2);
                    break;
            }
            Line.Append('}');
        }

        /// <summary>
        /// One MQTT message. A payload that is a JSON object of printable ASCII is shown as it came; anything else
        /// (malformed, binary) as a string, each byte outside printable ASCII as \u00XX.
        /// </summary>
        private void Mqtt(long timeMs, bool inbound, string topic, int qos, bool retain, byte[] payload, int length)
        {
            Line.Clear();
            Line.Append("{\"t\":").Append(timeMs).Append(",\"ev\":\"mqtt\"");
            Field("dir", inbound ? "in" : "out");
            Field("topic", topic);
            if (!inbound)
            {
                Field("qos", qos);
                Field("retain", retain);
            }
            Line.Append(",\"payload\":");
            var raw = Printable(payload, length) && _json.Parse(payload, length);
            if (!raw)
                Line.Append('"');
            for (var i = 0; i < length; i++)
            {
                var b = payload[i];
                if (raw || (b >= 0x20 && b < 0x7F && b != '"' && b != '\\'))
                    Line.Append((char)b);
                else if (b == '"' || b == '\\')
                    Line.Append('\\').Append((char)b);
                else
                    Line.Append("\\u00").Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
            if (!raw)
                Line.Append('"');
            Line.Append('}');
            Send();
        }

        private const string Hex = "0123456789abcdef";

        private static bool Printable(byte[] payload, int length)
        {
            for (var i = 0; i < length; i++)
                if (payload[i] < 0x20 || payload[i] >= 0x7F)
                    return false;
            return true;
        }

        /// <summary>What was asked (a command, a console action), whether it was accepted, and why not.</summary>
        private void Answer(string name, PileEvent e)
        {
            Field(name, e.Text);
            Field("accepted", e.Flag);
            if (!e.Flag)
                Field("reason", e.Text2);
        }

        protected override void RenderConsoleLine(long timeMs, string line)
        {
            Line.Append("{\"t\":").Append(timeMs).Append(",\"ev\":\"console\"");
            Field("line", line);
            Line.Append('}');
        }

        private void Field(string name, string value) => Line.Append(',').AppendJsonString(name).Append(':').AppendJsonString(value);

        private void Field(string name, long value) => Line.Append(',').AppendJsonString(name).Append(':').Append(value);

        private void Field(string name, bool value) => Line.Append(',').AppendJsonString(name).Append(':').Append(value ? "true" : "false");
    }
}
