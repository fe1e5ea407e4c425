using ChargeController.CountyLedger;
using ChargeController.FleetSim;
using ChargeController.MqttLink;
using ChargeController.MqttLink.Tests;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.County.Tests;

/// <summary>The slow county runs: a collection of their own, so they run beside the other test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SlowCounty
{
    public const string Name = "county on a real broker";
}

/// <summary>
/// A reduced county (40 piles over the 8 townships, public and dedicated, a simulated day with chaos: broker outages,
/// 4G drops, power cuts, silent meters) on the county's mosquitto (docs/deployment.md: per-pile accounts and the ACL,
/// the piles over TLS, every byte of their connections counted),
/// settled at once by a ledger into SQLite and by two ledger instances sharing the subscription ($share) into one
/// PostgreSQL. Each ledger must equal the piles' own journals event for event and session for session, with every
/// duplicate counted and removed (the test has the broker deliver some events again), and reconcile every pile's meter
/// register with 0 Wh unexplained.
/// </summary>
[Collection(SlowCounty.Name)]
public sealed class CountyOnMosquittoTests(ITestOutputHelper output)
{
    private const int Piles = 40;

    [Fact]
    public void AReducedCountyWithChaosIsSettledExactlyOnSqliteAndOnSharedPostgres()
    {
        var options = new FleetOptions { Piles = Piles, Days = 1, Chaos = true, Seed = 3, Db = null };
        var plan = CountyPlan.Piles().Take(Piles).ToList();
        Assert.Equal(8, plan.Select(p => p.Township).Distinct().Count());
        Assert.Contains(plan, p => p.Dedicated);
        using var mosquitto = new Mosquitto(plan.Select(p => p.Id).ToList());
        using var postgres = new Postgres();
        var sqlite = Path.Combine(mosquitto.Folder, "county.db");
        var shared = postgres.Database("county");
        var ledgers = new[]
        {
            new Ledger(sqlite, Source(mosquitto, "ledger-sqlite", shared: false)),
            new Ledger(shared, Source(mosquitto, "ledger-pg-1", shared: true)),
            new Ledger(shared, Source(mosquitto, "ledger-pg-2", shared: true)),
        };
        try
        {
            using var fleet = new Fleet(options, new[] { new BrokerEndpoint("127.0.0.1", mosquitto.TlsPort, mosquitto.Certificates.Ca) }, Mosquitto.PasswordOf);
            fleet.Run();
            OnTheWire(fleet);
            var truth = fleet.Piles.Select(p => p.Truth).ToList();
            var events = truth.Sum(t => t.Events.Count());
            var sessions = truth.Sum(t => t.Sessions().Count());
            output.WriteLine($"{events} events, {sessions} sessions, {fleet.Piles.Sum(p => p.Refused)} steps refused, {fleet.Piles.Sum(p => p.Sim.Boots)} boots");
            Assert.True(sessions > 60, $"a county day has sessions: {sessions}");
            Assert.Contains(fleet.Piles, p => p.Plan.Dedicated && p.Truth.Sessions().Any());
            Assert.Contains(fleet.Piles, p => p.Sim.Boots > 1); // power came back at least once
            // the broker hands the ledger some events again, as after a pile's power cut before its outbox cursor was saved
            var again = truth.SelectMany(t => t.Events.Where((_, i) => i % 7 == 3).Select(e => (t.PileId, e))).ToList();
            Replay(mosquitto, again);
            foreach (var db in new[] { sqlite, shared })
                Settled(db, truth, events, again.Count);
        }
        finally
        {
            foreach (var ledger in ledgers)
                ledger.Dispose();
        }
    }

    /// <summary>Every pile's TLS connections were counted: at least the bytes of the events its journal holds went up.</summary>
    private void OnTheWire(Fleet fleet)
    {
        foreach (var pile in fleet.Piles)
            Assert.True(pile.Traffic.BytesSent > pile.Truth.Events.Sum(e => e.Length) && pile.Traffic.SegmentsOut > 0, $"{pile.Plan.Id}: {pile.Traffic}");
        var traffic = fleet.Traffic;
        output.WriteLine($"on the wire: {traffic.IpBytes(TcpTraffic.PlainHeaderBytes) / fleet.Piles.Count} bytes a pile-day ({traffic})");
    }

    /// <summary>Waits until the ledger holds as many events as the journals (or stops growing), then judges it.</summary>
    private void Settled(string dbName, IReadOnlyList<PileTruth> truth, int events, int replayed)
    {
        using var db = LedgerDb.Open(dbName);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((Count(db, "events") < events || Count(db, "duplicates") < replayed) && DateTime.UtcNow < deadline)
            Thread.Sleep(200);
        var check = LedgerCheck.Compare(truth, db);
        var counters = new LedgerQueries(db).Counters();
        output.WriteLine($"{(db.Postgres ? "PostgreSQL" : "SQLite")}: {string.Join(", ", counters.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        Assert.True(check.Exact, string.Join("\n", check.Problems));
        Assert.Equal(events, counters["events"]);
        Assert.InRange(counters["duplicates"], replayed, replayed + events); // the replayed ones, and any the chaos made
        Assert.Equal(0, counters.GetValueOrDefault("rejected"));
        var reconciled = new Reconciliation(db).Run(LedgerCommands.PeriodOf(db, new LedgerOptions()));
        Assert.Equal(truth.Count, reconciled.Count);
        var unexplained = reconciled.SelectMany(p => p.Gaps).Where(g => !g.Explained).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        Assert.Equal(reconciled.Sum(p => p.MeteredWh), reconciled.Sum(p => p.SessionsWh) + reconciled.Sum(p => p.Gaps.Sum(g => g.Wh)));
    }

    private static long Count(LedgerDb db, string counter) => Convert.ToInt64(db.Scalar("SELECT value FROM counters WHERE name = @name", ("@name", counter)) ?? 0L);

    /// <summary>Publishes each event again on its pile's topic, QoS 1, as the platform's account.</summary>
    private static void Replay(Mosquitto mosquitto, IReadOnlyList<(string Pile, string Json)> events)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("replay")
            .WithCredentials(Mosquitto.Platform, Mosquitto.PasswordOf(Mosquitto.Platform)).Build()).GetAwaiter().GetResult();
        foreach (var (pile, json) in events)
            client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"piles/{pile}/events").WithPayload(json)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
        client.DisconnectAsync().GetAwaiter().GetResult();
    }

    private static LedgerSource Source(Mosquitto mosquitto, string clientId, bool shared) =>
        new("127.0.0.1", mosquitto.Port, clientId, Mosquitto.Platform, Mosquitto.PasswordOf(Mosquitto.Platform), shared);

    /// <summary>One ledger instance: its own connection to the database and its own persistent subscription.</summary>
    private sealed class Ledger : IDisposable
    {
        private readonly LedgerDb _db;
        private readonly LedgerListener _listener;

        public Ledger(string db, LedgerSource source)
        {
            _db = LedgerDb.Open(db);
            _listener = new LedgerListener(source, new LedgerIngest(_db, new LedgerClock(true)));
            Assert.True(_listener.WaitConnected(10_000), $"{source.ClientId} could not subscribe: {_listener.Problem}");
        }

        public void Dispose()
        {
            _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _db.Dispose();
        }
    }
}
