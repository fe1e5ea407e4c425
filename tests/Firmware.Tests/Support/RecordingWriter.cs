using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Sim.Trace;

namespace ChargeController.Tests.Support;

/// <summary>Keeps every event of a run, every MQTT publish, every line the console printed, and the JSON trace lines (received commands too), for assertions.</summary>
public sealed class RecordingWriter : IEventWriter, ITraceSink, ILinkObserver, IMessageTrace, IConsoleTrace, ISiteTrace
{
    private readonly JsonTraceWriter _json;

    public RecordingWriter() => _json = new JsonTraceWriter(this);

    public List<PileEvent> Events { get; } = new();
    public List<string> Lines { get; } = new();
    /// <summary>Every publish the pile handed to its link: topic and payload text.</summary>
    public List<(string Topic, string Payload)> Publishes { get; } = new();
    public List<string> ConsoleLines { get; } = new();

    public void Write(PileEvent e)
    {
        Events.Add(e);
        _json.Write(e);
    }

    public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
    {
        Publishes.Add((topic, System.Text.Encoding.UTF8.GetString(payload, 0, count)));
        _json.Published(nowMs, topic, payload, count, qos, retain);
    }

    public void LinkChanged(long nowMs, bool up, string reason) => _json.LinkChanged(nowMs, up, reason);

    /// <summary>The site meter's current per phase (signed) at each change, with its time.</summary>
    public List<(long TimeMs, int[] PhaseMa)> Site { get; } = new();

    public void SiteCurrent(long timeMs, int l1Ma, int l2Ma, int l3Ma, int phases)
    {
        Site.Add((timeMs, phases == 3 ? new[] { l1Ma, l2Ma, l3Ma } : new[] { l1Ma }));
        _json.SiteCurrent(timeMs, l1Ma, l2Ma, l3Ma, phases);
    }

    public void Received(long timeMs, string topic, byte[] payload, int length) => _json.Received(timeMs, topic, payload, length);

    public void ConsoleLine(long timeMs, string line)
    {
        ConsoleLines.Add(line);
        _json.ConsoleLine(timeMs, line);
    }

    void ITraceSink.WriteLine(string line) => Lines.Add(line);
}
