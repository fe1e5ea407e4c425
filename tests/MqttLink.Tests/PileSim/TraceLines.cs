using ChargeController.Sim.Trace;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>A simulated pile's trace kept as lines, for a test to read.</summary>
internal sealed class TraceLines : ITraceSink
{
    public List<string> All { get; } = new();

    public void WriteLine(string line) => All.Add(line);
}
