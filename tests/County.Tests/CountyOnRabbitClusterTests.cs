using System.Text.Json;
using ChargeController.CountyLedger;
using ChargeController.FleetSim;
using ChargeController.MqttLink;
using ChargeController.County.Tests.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.County.Tests;

/// <summary>Its own collection: it starts three RabbitMQ nodes, which take the machine's cores for a while.</summary>
[CollectionDefinition(Name)]
public sealed class CountyOnCluster
{
    public const string Name = "county on a rabbitmq cluster";
}

/// <summary>
/// The province's deployment (docs/deployment.md, A province on a RabbitMQ cluster) carrying a small county: FleetSim's
/// first 16 piles (public and dedicated, all 8 townships) for a day on virtual time, each given the three nodes as its
/// list of brokers, settled by CountyLedger through its persistent subscription (a quorum queue replicated on the three
/// nodes). The node every pile and the ledger are on is killed (SIGKILL) at 20:00, in the evening's sessions, and
/// started again at 21:00. Every pile is on another node of its list within a minute, the ledger before the node is
/// back, and the ledger equals the piles' own
/// journals event for event and session for session, with 0 Wh unexplained: every session reached it exactly once.
/// </summary>
[Collection(CountyOnCluster.Name)]
public sealed class CountyOnRabbitClusterTests(ITestOutputHelper output)
{
    private const int Piles = 16;
    private static readonly long KillAtMs = CountyClock.At(0, 20);
    private static readonly long RestartAtMs = CountyClock.At(0, 21);
    /// <summary>A pile whose node dies is on the next of its list within this (virtual) time: its backoff's first steps.</summary>
    private const long MovedWithinMs = 60_000;

    [Fact]
    public async Task WhenANodeIsKilledAndRestartedMidRunEverySessionReachesTheLedgerOnce()
    {
        var plan = CountyPlan.Piles().Take(Piles).ToList();
        using var cluster = new RabbitCluster(plan.Select(p => p.Id).ToList());
        output.WriteLine($"3 nodes started and clustered in {cluster.StartedInMs} ms");
        var nodes = cluster.Nodes.Select(n => ("127.0.0.1", n.MqttPort)).ToList();
        var killed = cluster.Nodes[0]; // first in every list: the node of every pile and of the ledger
        using var db = LedgerDb.Open(Path.Combine(cluster.Folder, "county.db"));
        var ledger = new LedgerListener(new LedgerSource(nodes, "county-ledger", RabbitCluster.Platform, RabbitCluster.PasswordOf(RabbitCluster.Platform)),
            new LedgerIngest(db, new LedgerClock(true)));
        try
        {
            Assert.True(ledger.WaitConnected(30_000), $"the ledger could not subscribe: {ledger.Problem}");
            var options = new FleetOptions { Piles = Piles, Days = 1, Seed = 5, Db = null };
            var brokers = nodes.Select(n => new BrokerEndpoint(n.Item1, n.Item2, Mqtt311: true)).ToList(); // RabbitMQ 3.10 speaks MQTT 3.1.1 only
            using var fleet = new Fleet(options, brokers, RabbitCluster.PasswordOf);
            var restartedInMs = 0L;
            var elsewhere = new List<string>();
            var ledgerElsewhere = false;
            fleet.Run(f =>
            {
                if (f.NowMs == KillAtMs)
                    killed.Kill();
                if (f.NowMs == KillAtMs + MovedWithinMs)
                    elsewhere.AddRange(f.Piles.Where(p => p.Connected).Select(p => p.Plan.Id));
                if (f.NowMs != RestartAtMs)
                    return;
                ledgerElsewhere = ledger.Connected;
                restartedInMs = cluster.Restart(killed);
            });
            Assert.Equal(plan.Select(p => p.Id), elsewhere); // every pile on another node of its list within a minute
            Assert.True(ledgerElsewhere, "the ledger is on another node before the killed one is back");

            var truth = fleet.Piles.Select(p => p.Truth).ToList();
            var events = truth.Sum(t => t.Events.Count());
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM events")) < events && DateTime.UtcNow < deadline)
                Thread.Sleep(200);
            var check = LedgerCheck.Compare(truth, db);
            var counters = new LedgerQueries(db).Counters();
            var across = truth.SelectMany(t => SessionsAcross(t)).Count();
            output.WriteLine($"{Piles} piles, {events} events, {check.TruthSessions} sessions ({across} open at the kill); " +
                $"node {killed.Name} killed at 20:00, back in the cluster {restartedInMs} ms after its restart at 21:00; " +
                $"ledger: {string.Join(", ", counters.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
            Assert.True(across > 0, "the kill comes in the middle of sessions");
            Assert.True(check.Exact, string.Join("\n", check.Problems));
            Assert.Equal(events, counters["events"]);
            var unexplained = new Reconciliation(db).Run(LedgerCommands.PeriodOf(db, new LedgerOptions())).SelectMany(p => p.Gaps).Where(g => !g.Explained).ToList();
            Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        }
        finally
        {
            await ledger.DisposeAsync();
        }
    }

    /// <summary>The sessions of a pile that started before the kill and ended after it.</summary>
    private static IEnumerable<string> SessionsAcross(PileTruth truth)
    {
        var killedAt = DateTimeOffset.FromUnixTimeSeconds(CountyClock.FirstDayUnixS).AddMilliseconds(KillAtMs);
        var started = new Dictionary<string, DateTimeOffset>();
        foreach (var json in truth.Events)
        {
            var e = JsonDocument.Parse(json).RootElement;
            var kind = e.GetProperty("event").GetString();
            if (kind is not ("session-start" or "session-end") || !e.TryGetProperty("time", out var time))
                continue;
            var session = e.GetProperty("session").GetString()!;
            if (kind == "session-start")
                started[session] = time.GetDateTimeOffset();
            else if (started.TryGetValue(session, out var from) && from < killedAt && time.GetDateTimeOffset() > killedAt)
                yield return session;
        }
    }
}
