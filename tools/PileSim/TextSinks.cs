using ChargeController.Sim.Trace;

namespace ChargeController.PileSim;

/// <summary>Trace lines to a TextWriter (stdout or a file).</summary>
internal sealed class WriterSink(TextWriter writer) : ITraceSink
{
    public void WriteLine(string line) => writer.WriteLine(line);
}
