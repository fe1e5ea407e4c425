using ChargeController.Firmware.Events;

namespace ChargeController.Tests.Support;

/// <summary>What the runs cut by a power loss at every write are judged by: the broker's view and the sessions that carried current.</summary>
public static class PowerCutRuns
{
    /// <summary>Sessions that carried current: a contactor closed while they were the running session.</summary>
    public static HashSet<string> SessionsThatCarriedCurrent(RecordingWriter trace)
    {
        var carried = new HashSet<string>();
        string? current = null;
        foreach (var e in trace.Events)
        {
            if (e.Kind == EventKind.Session && e.Code == EventRing.SessionStart)
                current = e.Text;
            else if (e.Kind == EventKind.Session && e.Code == EventRing.SessionEnd && e.Text == current)
                current = null;
            else if (e.Kind == EventKind.Contactor && e.Flag && current != null)
                carried.Add(current);
            else if (e.Kind == EventKind.Boot)
                current = null;
        }
        return carried;
    }
}

/// <summary>Every event message the simulated broker received, as text.</summary>
public sealed class BrokerEvents : Sim.Link.IBrokerTap
{
    public List<string> Payloads { get; } = new();

    public void Received(Sim.Link.SimMessage m)
    {
        if (m.Topic.EndsWith("/events"))
            Payloads.Add(System.Text.Encoding.UTF8.GetString(m.Payload, 0, m.Count));
    }
}
