using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Sim.Trace;

namespace ChargeController.Tests.Support;

/// <summary>Keeps every event of a run, every MQTT publish, every line the console printed, and the JSON trace lines (received commands too), for assertions.</summary>
public sealed class RecordingWriter : IEventWriter, ITraceSink, ILinkObserver, IMessageTrace, IConsoleTrace
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

    public void Received(long timeMs, string topic, byte[] payload, int length) => _json.Received(timeMs, topic, payload, length);

    public void ConsoleLine(long timeMs, string line)
    {
        ConsoleLines.Add(line);
        _json.ConsoleLine(timeMs, line);
    }

    void ITraceSink.WriteLine(string line) => Lines.Add(line);
}
