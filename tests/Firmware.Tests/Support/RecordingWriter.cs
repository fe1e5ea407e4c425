using ChargeController.Firmware.Events;
using ChargeController.Sim.Trace;

namespace ChargeController.Tests.Support;

/// <summary>Keeps every event of a run, and its JSON trace line (MQTT messages too), for assertions.</summary>
public sealed class RecordingWriter : IEventWriter, IMessageTrace, ITraceSink
{
    private readonly JsonTraceWriter _json;

    public RecordingWriter() => _json = new JsonTraceWriter(this);

    public List<PileEvent> Events { get; } = new();
    public List<string> Lines { get; } = new();

    public void Write(PileEvent e)
    {
        Events.Add(e);
        _json.Write(e);
    }

    public void Message(long timeMs, bool inbound, string topic, byte[] payload, int length) =>
        _json.Message(timeMs, inbound, topic, payload, length);

    void ITraceSink.WriteLine(string line) => Lines.Add(line);
}
