using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;
using ChargeController.Hal;

namespace ChargeController.Sim.Trace
{
    /// <summary>The same events for a person at a terminal: "   12.340 s  status     Charging".</summary>
    public sealed class ReadableTraceWriter : LineEventWriter
    {
        public ReadableTraceWriter(ITraceSink sink) : base(sink)
        {
        }

        protected override void Render(PileEvent e)
        {
            var seconds = e.TimeMs / 1000;
            for (var width = 100000; width > 1 && seconds < width; width /= 10)
                Line.Append(' ');
            Line.AppendFixed(e.TimeMs, 3).Append(" s  ");
            switch (e.Kind)
            {
                case EventKind.Boot:
                    Line.Append("boot       ").Append(Names.Of((BootReason)e.Code)).Append(", boot number ").Append(e.Value);
                    break;
                case EventKind.Watchdog:
                    Line.Append("watchdog   control loop stalled ").Append(e.Value).Append(" ms: outputs forced safe, rebooting");
                    break;
                case EventKind.ConfigWarning:
                    Line.Append("config     ").Append(e.Text);
                    break;
                case EventKind.Cp:
                    Line.Append("pilot read state ").Append(Names.Of((PilotState)e.Code));
                    break;
                case EventKind.Pilot:
                    Line.Append("pilot      ").Append(Names.Of((PilotMode)e.Code));
                    if ((PilotMode)e.Code == PilotMode.Pwm)
                        Line.Append(' ').AppendFixed(e.Value, 1).Append(" % duty, ").AppendFixed(e.Value2 / 100, 1).Append(" A advertised");
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
                    if (e.Code == EventRing.SessionEnd && e.Long2 != PileEvent.NoReading)
                        Line.Append(", ").AppendFixed(e.Long2 - e.Long1, 3).Append(" kWh");
                    if ((e.Value2 & EventRing.SessionOffline) != 0)
                        Line.Append(" (offline)");
                    if ((e.Value2 & EventRing.SessionUnmetered) != 0)
                        Line.Append(" (unmetered)");
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
            }
        }
    }
}
