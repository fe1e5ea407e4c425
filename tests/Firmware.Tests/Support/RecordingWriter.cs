using ChargeController.Firmware.Events;
using ChargeController.Sim.Trace;

namespace ChargeController.Tests.Support;

/// <summary>Keeps every event of a run, and its JSON trace line, for assertions.</summary>
public sealed class RecordingWriter : IEventWriter, ITraceSink
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

    void ITraceSink.WriteLine(string line) => Lines.Add(line);
}
