using ChargeController.Firmware.Events;
using ChargeController.Sim.Trace;

namespace ChargeController.Tests.Support;

/// <summary>Keeps every event of a run, every line the console printed, and their JSON trace lines, for assertions.</summary>
public sealed class RecordingWriter : IEventWriter, IConsoleTrace, ITraceSink
{
    private readonly JsonTraceWriter _json;

    public RecordingWriter() => _json = new JsonTraceWriter(this);

    public List<PileEvent> Events { get; } = new();
    public List<string> Lines { get; } = new();
    public List<string> ConsoleLines { get; } = new();

    public void Write(PileEvent e)
    {
        Events.Add(e);
        _json.Write(e);
    }

    public void ConsoleLine(long timeMs, string line)
    {
        ConsoleLines.Add(line);
        _json.ConsoleLine(timeMs, line);
    }

    void ITraceSink.WriteLine(string line) => Lines.Add(line);
}
