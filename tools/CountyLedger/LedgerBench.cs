using System.Diagnostics;
using System.Text;
using ChargeController.Tools;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeController.CountyLedger;

/// <summary>
/// The ledger's ingest rate (`CountyLedger bench`, a benchmark, docs/performance.md): a county's mix of messages (for
/// each session of a pile: its start and end events, a status and a telemetry reading) published at QoS 1 by one
/// client as fast as the broker takes them, with up to <see cref="InFlight"/> unacknowledged, and received by the
/// ledger's own listener (its persistent subscription, each message acknowledged once stored, one transaction each)
/// into a fresh database. The rate is messages stored per second of wall time, from the first publish to the last
/// message stored.
/// </summary>
internal static class LedgerBench
{
    private const int InFlight = 64;
    private const int Piles = 100;
    private const int StoreWaitMs = 600_000;

    public static int Run(CommandLine cli, LedgerOptions o)
    {
        var postgres = o.Db.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (!postgres && File.Exists(o.Db))
            return cli.Fail($"bench writes a fresh ledger: {o.Db} exists (name another file with --db)");
        using var db = LedgerDb.Open(o.Db);
        if (postgres && Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM events")) > 0)
            return cli.Fail("bench writes a fresh ledger: this PostgreSQL database holds events already (name an empty one)");
        var id = Guid.NewGuid().ToString("N")[..8];
        var source = new LedgerSource(o.Brokers, "ledger-bench-" + id, o.User, o.Password);
        var listener = new LedgerListener(source, new LedgerIngest(db, new LedgerClock(true)));
        try
        {
            if (!listener.WaitConnected(10_000))
                return cli.Fail($"cannot subscribe at {source.Addresses}: {listener.Problem ?? "no answer"}");
            var messages = Messages(o.Messages).ToList();
            using var publisher = new MqttClientFactory().CreateMqttClient();
            var (host, port) = o.Brokers[0];
            var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("ledger-bench-pub-" + id)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311);
            if (o.User != null)
                options.WithCredentials(o.User, o.Password);
            publisher.ConnectAsync(options.Build()).GetAwaiter().GetResult();
            var wall = Stopwatch.StartNew();
            var pending = new List<Task>(InFlight);
            foreach (var (topic, payload) in messages)
            {
                pending.Add(publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
                if (pending.Count == InFlight)
                {
                    Task.WaitAll(pending.ToArray());
                    pending.Clear();
                }
            }
            Task.WaitAll(pending.ToArray());
            var publishedS = wall.Elapsed.TotalSeconds;
            while (listener.Stored < messages.Count && wall.ElapsedMilliseconds < StoreWaitMs)
                Thread.Sleep(5);
            var storedS = wall.Elapsed.TotalSeconds;
            publisher.DisconnectAsync().GetAwaiter().GetResult();
            Console.WriteLine($"{messages.Count} messages ({messages.Count / 2} events, {messages.Count / 4} statuses, {messages.Count / 4} telemetry; " +
                $"{Piles} piles) published at QoS 1 in {publishedS:F1} s; {listener.Stored} stored in {(postgres ? "PostgreSQL" : "SQLite " + o.Db)} " +
                $"after {storedS:F1} s: {listener.Stored / storedS:F0} messages/s");
            return listener.Stored == messages.Count ? CommandLine.Ok : cli.Fail($"only {listener.Stored} of {messages.Count} stored within {StoreWaitMs / 1000} s");
        }
        finally
        {
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Sessions of <see cref="Piles"/> piles, round robin: start, status, telemetry, end (the docs' examples, one minute apart).</summary>
    private static IEnumerable<(string Topic, byte[] Payload)> Messages(int count)
    {
        var at = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i += 4)
        {
            var pile = $"bench-{i / 4 % Piles:000}";
            var round = i / 4 / Piles;
            var (seq, wh) = (2 * round + 1, 1_000_000L + 20_000L * round);
            var time = at.AddMinutes(round * 60).ToString("yyyy-MM-ddTHH:mm:ssZ");
            var end = at.AddMinutes(round * 60 + 50).ToString("yyyy-MM-ddTHH:mm:ssZ");
            var session = $"1-{seq}";
            yield return Message(pile, "events", $"{{\"v\":1,\"pile\":\"{pile}\",\"event\":\"session-start\",\"boot\":1,\"seq\":{seq},\"uptimeMs\":1000,\"time\":\"{time}\"," +
                $"\"session\":\"{session}\",\"idTag\":\"CARD-0042\",\"startWh\":{wh},\"offline\":false}}");
            yield return Message(pile, "status", $"{{\"v\":1,\"pile\":\"{pile}\",\"online\":true,\"status\":\"Charging\",\"error\":\"NoError\",\"faults\":[]," +
                $"\"firmware\":\"1.0.0\",\"boot\":{{\"number\":1,\"reason\":\"PowerOn\"}},\"outbox\":0,\"dropped\":0,\"uptimeMs\":2000,\"time\":\"{time}\"}}");
            yield return Message(pile, "telemetry", $"{{\"v\":1,\"pile\":\"{pile}\",\"uptimeMs\":3000,\"time\":\"{time}\",\"cp\":\"C\",\"advertisedA\":32.0," +
                $"\"voltageV\":[230.1],\"currentA\":[31.9],\"powerW\":7340,\"energyWh\":{wh + 100}}}");
            yield return Message(pile, "events", $"{{\"v\":1,\"pile\":\"{pile}\",\"event\":\"session-end\",\"boot\":1,\"seq\":{seq + 1},\"uptimeMs\":4000,\"time\":\"{end}\"," +
                $"\"session\":\"{session}\",\"idTag\":\"CARD-0042\",\"reason\":\"EVDisconnected\",\"startWh\":{wh},\"stopWh\":{wh + 6000},\"energyWh\":6000," +
                "\"offline\":false,\"unmetered\":false,\"bandsWh\":[6000,0,0,0]}");
        }
    }

    private static (string, byte[]) Message(string pile, string kind, string json) => ($"piles/{pile}/{kind}", Encoding.UTF8.GetBytes(json));
}
