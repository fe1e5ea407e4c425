using System.Diagnostics;
using ChargeController.Firmware.Config;
using ChargeController.MqttLink.Tests.PileSim;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;
using Xunit.Abstractions;
using static ChargeController.MqttLink.Tests.PileSim.PlatformEventIds;

namespace ChargeController.MqttLink.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class RabbitClusterCollection
{
    public const string Name = "rabbitmq cluster";
}

/// <summary>
/// A province's deployment on a clustered broker (docs/deployment.md, A province on a RabbitMQ cluster): four simulated
/// piles on virtual time, each given the three nodes as its list of brokers, and the platform's persistent subscriber;
/// the node they are all on is killed in the middle of their sessions and started again later. Every event of every
/// pile's journal reaches the subscriber, exactly once after de-duplication. Its own collection: it starts three
/// RabbitMQ nodes, which take the machine's cores for a while.
/// </summary>
[Collection(RabbitClusterCollection.Name)]
public sealed class RabbitClusterTests(ITestOutputHelper output)
{
    private const long Minute = 60_000;
    private static readonly string Scenario = "0s plug 16A\n1s ev ready\n20min unplug\n25min plug 32A\n26min ev ready\n50min unplug\n";

    [Fact]
    public void WhenTheirNodeIsKilledAndRestartedEveryEventOfEveryPileReachesThePlatformOnce()
    {
        using var cluster = new RabbitCluster();
        output.WriteLine($"3 nodes started and clustered in {cluster.StartedInMs} ms");
        var killed = cluster.Nodes[0];
        using var subscriber = new ClusterSubscriber(killed);
        var piles = RabbitCluster.Piles.Select(id => ClusterPile.Start(cluster, id)).ToList();
        try
        {
            var steps = ScenarioParser.Parse(Scenario).Steps;
            var restartedInMs = 0L;
            var failedOverMs = new List<long>();
            for (var t = 0L; t <= 60 * Minute; t += 1000)
            {
                if (t == 10 * Minute)
                {
                    killed.Kill(); // in the middle of every pile's first session
                    subscriber.ReconnectThrough(cluster.Nodes[1]);
                }
                if (t == 35 * Minute)
                    restartedInMs = cluster.Restart(killed);
                foreach (var pile in piles)
                {
                    pile.Sim.AdvanceTo(t);
                    foreach (var step in steps.Where(s => s.TimeMs == t))
                        Assert.Null(pile.Sim.Apply(step));
                }
            }
            foreach (var pile in piles)
                Assert.Equal(0, OutboxDrain.Wait(pile.Sim, new PileOutbox(pile.Sim)));

            var expected = piles.SelectMany(p => p.Trace.All.Select(PlatformEventOf).OfType<string>().Select(e => (p.Id, e))).ToHashSet();
            var received = new Dictionary<(string Pile, int Boot, int Seq), string>();
            var duplicates = 0;
            var waited = Stopwatch.StartNew();
            while (received.Count < expected.Count)
            {
                var (topic, text) = Heard.Next(subscriber.Received, $"the event after {received.Count} of {expected.Count}");
                var (boot, seq) = IdOf(text);
                var key = (topic.Split('/')[1], boot, seq);
                if (received.TryGetValue(key, out var before))
                {
                    Assert.Equal(before, text);
                    duplicates++;
                }
                received[key] = text;
            }
            Assert.Equal(expected, received.Select(r => (r.Key.Pile, PlatformEventOf(r.Value)!)).ToHashSet());
            Assert.Equal(expected.Count, received.Count);
            output.WriteLine($"{piles.Count} piles, {expected.Count} events, {duplicates} duplicates removed; node {killed.Name} " +
                $"killed at 10 min and back in the cluster {restartedInMs} ms after its restart at 35 min; events all in {waited.ElapsedMilliseconds} ms after the run");
            foreach (var pile in piles)
                output.WriteLine($"  {pile.Id}: {string.Join(", ", pile.Links())}");
            foreach (var pile in piles)
            {
                // on another node within a minute of the kill, and staying there until the end of the outage
                var outage = pile.LinkEvents().Where(e => e.Ms > 10 * Minute && e.Ms < 35 * Minute).ToList();
                Assert.True(outage.Count > 0 && outage[^1].Up && outage[^1].Ms < 11 * Minute, $"{pile.Id}: {string.Join(", ", pile.Links())}");
            }
        }
        finally
        {
            foreach (var pile in piles)
                pile.Dispose();
        }
    }

    /// <summary>A simulated pile whose broker is the cluster: the three nodes, in order, as its list.</summary>
    private sealed class ClusterPile : IDisposable
    {
        private readonly BrokerSession _session;

        private ClusterPile(string id, BrokerSession session)
        {
            Id = id;
            _session = session;
            Sim = new SimulatedPile(new PileConfig(), new JsonTraceWriter(Trace), null, session.Link, session.Link, session.LinkSettings);
            Sim.Start();
        }

        public string Id { get; }
        public TraceLines Trace { get; } = new();
        public SimulatedPile Sim { get; }

        public static ClusterPile Start(RabbitCluster cluster, string id)
        {
            var settings = new BrokerSettings(cluster.Nodes.Select(n => ("127.0.0.1", n.MqttPort)).ToList(), null, id, RabbitCluster.PasswordOf(id), id,
                Mqtt311: true); // RabbitMQ 3.10 speaks MQTT 3.1.1 only
            var session = BrokerSession.Open(settings, out var failure) ?? throw new InvalidOperationException(failure);
            return new ClusterPile(id, session);
        }

        /// <summary>The pile's link changes, as its trace shows them.</summary>
        public IEnumerable<(long Ms, bool Up, string Reason)> LinkEvents() => Trace.All.Where(l => l.Contains("\"ev\":\"link\""))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("t").GetInt64(), e.GetProperty("up").GetBoolean(), e.GetProperty("reason").GetString() ?? ""));

        /// <summary>The same as text: "up 0 s (connected)", "down 599 s (lost)"...</summary>
        public IEnumerable<string> Links() => LinkEvents().Select(e => $"{(e.Up ? "up" : "down")} {e.Ms / 1000} s ({e.Reason})");

        public void Dispose() => _session.Dispose();
    }
}
