using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;
using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Hal;

namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// The same events for a person at a terminal: "   12.340 s  status     Charging". Pilot levels and states say what
    /// they mean; a session that a fault ended names the fault (the writer remembers which faults are raised).
    /// </summary>
    public sealed class ReadableTraceWriter : LineEventWriter, ILinkObserver, IMessageTrace, ISiteTrace
    {
        private static readonly string[] StateMeanings =
        {
            "unknown", "no vehicle", "vehicle connected", "vehicle asks to charge", "vehicle asks to charge with ventilation",
            "pilot shorted to PE", "fault", "outside every window",
        };

        private int _raisedFaults;
        private int _lastRaised = -1;

        public ReadableTraceWriter(ITraceSink sink) : base(sink)
        {
        }

        /// <summary>What the simulation did that the firmware cannot report (the power failing), in the same layout.</summary>
        public void Note(long timeMs, string subject, string text)
        {
            Line.Clear();
            AppendTime(timeMs);
            Line.Append(subject);
            for (var pad = subject.Length; pad < 11; pad++)
                Line.Append(' ');
            Line.Append(text);
            Send();
        }

        /// <summary>"mqtt out   piles/cc-0001/status qos1 retained {...}"</summary>
        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            Line.Clear();
            AppendTime(nowMs);
            Line.Append("mqtt out   ").Append(topic).Append(qos == LinkQos.AtLeastOnce ? " qos1 " : " qos0 ");
            if (retain)
                Line.Append("retained ");
            Line.AppendUtf8(payload, count);
            Send();
        }

        /// <summary>"mqtt in    piles/cc-0001/cmd {...}"</summary>
        public void Received(long timeMs, string topic, byte[] payload, int length)
        {
            Line.Clear();
            AppendTime(timeMs);
            Line.Append("mqtt in    ").Append(topic).Append(' ');
            Line.AppendUtf8(payload, length);
            Send();
        }

        /// <summary>"site       L1 12.3 A, L2 -4.0 A, L3 0.0 A (negative: export)".</summary>
        public void SiteCurrent(long timeMs, int l1Ma, int l2Ma, int l3Ma, int phases)
        {
            var text = "L1 " + Amps(l1Ma);
            if (phases == 3)
                text += ", L2 " + Amps(l2Ma) + ", L3 " + Amps(l3Ma);
            Note(timeMs, "site", text + " (negative: export)");
        }

        private static string Amps(int ma) => (ma < 0 ? "-" : "") + ((ma < 0 ? -ma : ma) / 1000).ToString() + "." + ((ma < 0 ? -ma : ma) % 1000 / 100).ToString() + " A";

        public void LinkChanged(long nowMs, bool up, string reason) => Note(nowMs, "link", (up ? "up (" : "down (") + reason + ")");

        private void AppendTime(long timeMs)
        {
            var seconds = timeMs / 1000;
            for (var width = 100000; width > 1 && seconds < width; width /= 10)
                Line.Append(' ');
            Line.AppendFixed(timeMs, 3).Append(" s  ");
        }

        protected override void Render(PileEvent e)
        {
            AppendTime(e.TimeMs);
            switch (e.Kind)
            {
                case EventKind.Boot:
                    _raisedFaults = 0; // what a new boot finds wrong it raises anew
                    Line.Append("boot       ").Append(Names.Of((BootReason)e.Code));
                    if (e.Text != null)
                        Line.Append(" (the ").Append(e.Text).Append(" thread)");
                    Line.Append(", boot number ").Append(e.Value);
                    break;
                case EventKind.Watchdog:
                    if (e.Text == null)
                        Line.Append("watchdog   control loop stalled ").Append(e.Value).Append(" ms: outputs forced safe, rebooting");
                    else
                        Line.Append("watchdog   ").Append(e.Text).Append(" thread died or stalled (").Append(e.Value)
                            .Append(" ms since its last beat): outputs forced safe, rebooting");
                    break;
                case EventKind.SafetyLoop:
                    Line.Append("safety     the safety loop opened the contactor before the control loop did (")
                        .Append(Names.Of((SafetyCause)e.Code)).Append(')');
                    break;
                case EventKind.ConfigWarning:
                    Line.Append("config     ").Append(e.Text);
                    break;
                case EventKind.Cp:
                    Line.Append("pilot read state ").Append(Names.Of((PilotState)e.Code)).Append(" (")
                        .Append(StateMeanings[e.Code]).Append(')');
                    break;
                case EventKind.Pilot:
                    if ((PilotMode)e.Code == PilotMode.Pwm)
                        Line.Append("pilot      pwm ").AppendFixed(e.Value, 1).Append(" % duty, ").AppendFixed(e.Value2 / 100, 1).Append(" A advertised");
                    else if ((PilotMode)e.Code == PilotMode.StateF)
                        Line.Append("pilot      -12 V (state F: fault)");
                    else
                        Line.Append("pilot      +12 V (no PWM: no charging offered)");
                    break;
                case EventKind.Contactor:
                    Line.Append("contactor  ").Append(e.Flag ? "closed" : "open");
                    break;
                case EventKind.Status:
                    Line.Append("status     ").Append(Names.Of((ConnectorStatus)e.Code));
                    if ((ErrorCode)e.Value != ErrorCode.NoError)
                        Line.Append(" (").Append(Names.Of((ErrorCode)e.Value)).Append(')');
                    break;
                case EventKind.Fault:
                    RememberFault(e.Code, e.Flag);
                    Line.Append("fault      ").Append(Names.Of(FaultPolicies.CodeOf((Fault)e.Code))).Append(' ')
                        .Append(FaultPolicies.DetailOf((Fault)e.Code)).Append(e.Flag ? " raised" : " cleared");
                    if (e.Flag2)
                        Line.Append(", latched until cleared");
                    if (e.Flag && FaultPolicies.AdviceOf((Fault)e.Code) != null)
                        Line.Append(": ").Append(FaultPolicies.AdviceOf((Fault)e.Code));
                    break;
                case EventKind.Lock:
                    Line.Append("lock       ").Append(e.Flag ? "locked" : "released");
                    break;
                case EventKind.Session when e.Code == EventRing.SessionCheckpoint:
                    Line.Append("session    ").Append(e.Text).Append(" checkpoint at ").AppendFixed(e.Long1, 3).Append(" kWh");
                    break;
                case EventKind.Session:
                    Line.Append("session    ").Append(e.Text).Append(e.Code == EventRing.SessionStart ? " started" : " ended");
                    if (e.Text2.Length > 0)
                        Line.Append(" for ").Append(e.Text2);
                    if (e.Code == EventRing.SessionEnd)
                        Line.Append(": ").Append(Names.Of((StopReason)e.Value));
                    if (e.Code == EventRing.SessionEnd && (StopReason)e.Value == StopReason.Other && _raisedFaults != 0)
                        Line.Append(" (fault ").Append(FaultPolicies.DetailOf((Fault)_lastRaised)).Append(')');
                    if (e.Code == EventRing.SessionEnd && (e.Value2 & EventRing.SessionLastReadingOnly) != 0)
                        Line.Append(", energy unknown (last ").Append((e.Value2 & EventRing.SessionEndFromCheckpoint) != 0 ? "checkpoint " : "reading ")
                            .AppendFixed(e.Long2, 3).Append(" kWh)");
                    else if (e.Code == EventRing.SessionEnd && e.Long2 != PileEvent.NoReading)
                        Line.Append(", ").AppendFixed(e.Long2 - e.Long1, 3).Append(" kWh");
                    if ((e.Value2 & EventRing.SessionOffline) != 0)
                        Line.Append(" (offline)");
                    if ((e.Value2 & EventRing.SessionUnmetered) != 0)
                        Line.Append(" (unmetered)");
                    if (e.BandCount > 0)
                        Line.Append(", bands ").Append(e.Band0Wh).Append(' ').Append(e.Band1Wh).Append(' ').Append(e.Band2Wh).Append(' ')
                            .Append(e.Band3Wh).Append(" Wh");
                    if (e.HasSolar)
                        Line.Append(", solar ").AppendFixed(e.SolarWh, 3).Append(" kWh");
                    break;
                case EventKind.Meter:
                    Line.Append("meter      ").Append(Names.Of((MeterHealth)e.Code));
                    if ((MeterHealth)e.Code == MeterHealth.SlaveException)
                        Line.Append(' ').Append(e.Value);
                    break;
                case EventKind.Command:
                    Line.Append("command    ").Append(e.Text).Append(e.Flag ? " accepted" : " rejected: ");
                    if (!e.Flag)
                        Line.Append(e.Text2);
                    break;
                case EventKind.Update:
                    Line.Append("update     ").Append(UpdateStates.Name(e.Code));
                    if (e.Value > 0)
                        Line.Append(" ").Append(UpdateVersion.Format(e.Value));
                    if (e.Code == UpdateStates.Downloading)
                        Line.Append(", ").Append(e.Text).Append(", ").Append(e.Long1).Append(" of ").Append(e.Long2).Append(" bytes");
                    else if (e.Text != null)
                        Line.Append(": ").Append(e.Text);
                    break;
                case EventKind.Tables:
                    Line.Append("tables     tariff v").Append(e.Code).Append(", schedule v").Append(e.Value).Append(", fleet list v").Append(e.Value2);
                    break;
                case EventKind.Console:
                    Line.Append("console    ").Append(e.Text).Append(e.Flag ? " accepted" : " refused: ");
                    if (!e.Flag)
                        Line.Append(e.Text2);
                    break;
            }
        }

        protected override void RenderConsoleLine(long timeMs, string line)
        {
            AppendTime(timeMs);
            Line.Append("console  | ").Append(line);
        }

        /// <summary>Keeps which faults are raised, and the latest of them, to name the one that ends a session.</summary>
        private void RememberFault(int fault, bool raised)
        {
            if (raised)
            {
                _raisedFaults |= 1 << fault;
                _lastRaised = fault;
                return;
            }
            _raisedFaults &= ~(1 << fault);
            if (fault != _lastRaised || _raisedFaults == 0)
                return;
            _lastRaised = 0;
            while ((_raisedFaults & (1 << _lastRaised)) == 0)
                _lastRaised++;
        }
    }
}
