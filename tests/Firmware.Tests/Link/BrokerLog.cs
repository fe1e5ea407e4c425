using System.Text.Json;
using ChargeController.Sim.Link;

namespace ChargeController.Tests.Link;

/// <summary>What arrives at the simulated broker, in order: the platform's view, never the pile's own state.</summary>
public sealed class BrokerLog : IBrokerTap
{
    public List<(string Topic, string Payload, bool Retain)> Messages { get; } = new();

    public void Received(SimMessage m) =>
        Messages.Add((m.Topic, System.Text.Encoding.UTF8.GetString(m.Payload, 0, m.Count), m.Retain));

    public List<JsonElement> On(string topicEnd) => Messages.Where(m => m.Topic.EndsWith(topicEnd))
        .Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

    public List<JsonElement> Events() => On("/events");

    /// <summary>Events after de-duplication on (boot, seq), as the platform counts them.</summary>
    public int DistinctEvents => Events().Select(e => (e.GetProperty("boot").GetInt32(), e.GetProperty("seq").GetInt32())).Distinct().Count();
}
