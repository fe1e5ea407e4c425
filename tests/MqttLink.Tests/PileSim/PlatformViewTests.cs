using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeController.Firmware.Config;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Telemetry.Tests;
using ChargeController.TestSupport;
using Xunit;
using static ChargeController.MqttLink.Tests.PileSim.PlatformEventIds;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// What the operations platform sees of a simulated pile on the county's mosquitto (issue 11's integration tests):
/// `PileSim run --broker` over a charging scenario (events, the retained status, every message valid against its
/// schema), the will after `link down`, and an hour without a link with the broker restarted twice, after which a
/// persistent QoS 1 subscriber holds every event of the pile's trace exactly once after de-duplication by id.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PlatformViewTests : IDisposable
{
    private const string Pile = "cc-0004";
    private const string Root = "piles/" + Pile;
    private const string Status = Root + "/status";
    private const string Events = Root + "/events";
    private const long Minute = 60_000;

    private readonly Mosquitto _broker;

    public PlatformViewTests(BrokerFixture fixture) => _broker = fixture.Broker;

    public void Dispose()
    {
        using var platform = new Platform(_broker);
        platform.Send(Status, "", retain: true); // no retained status left for the other tests
    }

    private ToolRun Run(string scenario) => ToolRun.Of("PileSim", null, "run", PileSimBrokerOptionsTests.Temp("s.scn", scenario),
        "--broker", "127.0.0.1:" + _broker.Port, "--user", Pile, "--password", Mosquitto.PasswordOf(Pile), "--pile-id", Pile);

    private static string[] TraceOf(ToolRun run)
    {
        Assert.True(run.ExitCode == 0, run.Errors);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Matches("^\\{\"t\":\\d+,\"ev\":\"end\",\"outbox\":0\\}$", lines[^1]);
        return lines;
    }

    /// <summary>The payloads the trace shows published on <paramref name="topic"/>, in order.</summary>
    private static List<string> PublishedOn(IEnumerable<string> trace, string topic) => trace
        .Where(l => l.Contains(",\"ev\":\"mqtt\",\"dir\":\"out\",\"topic\":\"" + topic + "\","))
        .Select(l => l[(l.IndexOf(",\"payload\":", StringComparison.Ordinal) + ",\"payload\":".Length)..^1]).ToList();

    private static JsonElement Valid((string Topic, string Text, bool Retained) message) => Valid(message.Topic, message.Text);

    private static JsonElement Valid(string topic, string text) =>
        Schemas.AssertValid(Schemas.OfPublish(Root, topic, JsonDocument.Parse(text).RootElement), text);

    [Fact]
    public void AChargingRunReachesThePlatformAndEveryMessageIsValid()
    {
        using var platform = new Platform(_broker, topics: Root + "/#");
        var trace = TraceOf(Run("0s plug 16A\n1s ev ready\n10min ev pause\n11min unplug\n12min end\n"));
        Assert.Contains("{\"t\":0,\"ev\":\"link\",\"up\":true,\"reason\":\"connected\"}", trace);

        // every QoS 1 message the trace shows published, as it reaches the subscriber (telemetry, QoS 0, as it comes)
        var atLeastOnce = PublishedOn(trace, Status).Count + PublishedOn(trace, Events).Count;
        var heard = new List<(string Topic, string Text, bool Retained)>();
        while (heard.Count(m => m.Topic is Status or Events) < atLeastOnce)
            heard.Add(Heard.Next(platform.Messages, "message " + (heard.Count + 1)));
        foreach (var message in heard)
            Valid(message);
        var events = heard.Where(m => m.Topic == Events).Select(m => m.Text).ToList();
        Assert.Equal(new[] { "boot", "session-start", "session-end" }, events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("event").GetString()));
        Assert.Equal(PublishedOn(trace, Events), events); // byte for byte what the trace says was sent, once each
        Assert.Equal(PublishedOn(trace, Status), heard.Where(m => m.Topic == Status).Select(m => m.Text));

        // the run ends by leaving the broker: its last status is the offline one, published by the pile itself before
        // the end line, and a platform that looks later finds it retained
        Assert.Equal("{\"v\":1,\"pile\":\"cc-0004\",\"online\":false}", PublishedOn(trace, Status)[^1]);
        Assert.Contains(trace, l => l.Contains("\"ev\":\"link\",\"up\":false,\"reason\":\"left\""));
        Assert.Matches("^\\{\"t\":\\d+,\"ev\":\"end\",\"outbox\":0\\}$", trace[^1]);
        using var later = new Platform(_broker, topics: Status);
        var retained = later.Next(Status);
        Assert.True(retained.Retained);
        Assert.Equal("{\"v\":1,\"pile\":\"cc-0004\",\"online\":false}", retained.Text);
    }

    [Fact]
    public void LinkDownInARunLeavesTheWillAsTheRetainedStatus()
    {
        using var platform = new Platform(_broker, topics: Status);
        var trace = TraceOf(Run("0s plug 16A\n10s link down\n20s end\n"));
        Assert.Contains(trace, l => Regex.IsMatch(l, "^\\{\"t\":100[01]0,\"ev\":\"link\",\"up\":false,\"reason\":\"lost\"\\}$"));

        var statuses = new List<(string Topic, string Text, bool Retained)>();
        do
            statuses.Add(platform.Next(Status));
        while (Valid(statuses[^1]).GetProperty("online").GetBoolean());
        Assert.True(statuses.Count > 1, "no online status before the will");
        var will = statuses[^1];
        using var later = new Platform(_broker, topics: Status);
        var retained = later.Next(Status);
        Assert.True(retained.Retained, "the will was not retained");
        Assert.Equal(will.Text, retained.Text);
    }

    [Fact]
    public void AnHourWithoutALinkAndTwoBrokerRestartsLoseNoEventAndDuplicateNoneAfterDeduplication()
    {
        using var store = new PersistentConsumer(_broker);
        store.Away(); // the platform's store is away: all it gets is queued for it, across both restarts
        var settings = new BrokerSettings(new[] { ("127.0.0.1", _broker.Port) }, null, Pile, Mosquitto.PasswordOf(Pile), Pile);
        using var session = BrokerSession.Open(settings, out var failure) ?? throw new InvalidOperationException(failure);
        var trace = new TraceLines();
        var pile = new SimulatedPile(new PileConfig(), new JsonTraceWriter(trace), null, session.Link, session.Link, session.LinkSettings);
        // the first session ends in the outage, and its end waits in the outbox through a power cut
        var steps = ScenarioParser.Parse("0s plug 16A\n1s ev ready\n5min link down\n10min ev pause\n11min unplug\n20min power cut\n" +
            "21min power restore\n22min plug 16A\n23min ev ready\n65min link up\n80min ev pause\n81min unplug\n90min end\n").Steps;
        // in the middle of the outage, and once the pile has sent its backlog (it reconnects within its 300 s backoff cap)
        var restarts = new Queue<long>(new[] { 35 * Minute, 75 * Minute });
        pile.Start();
        foreach (var step in steps.Where(s => s.Verb != ScenarioVerb.End))
        {
            AdvanceRestarting(pile, step.TimeMs - 1, restarts);
            Assert.Null(pile.Apply(step));
        }
        AdvanceRestarting(pile, steps[^1].TimeMs, restarts);
        Assert.Equal(0, OutboxDrain.Wait(pile, new PileOutbox(pile)));
        var links = trace.All.Where(l => l.Contains("\"ev\":\"link\"")).ToList();
        Assert.Contains(links, l => JsonDocument.Parse(l).RootElement is var link && !link.GetProperty("up").GetBoolean() &&
            link.GetProperty("t").GetInt64() is >= 75 * Minute and <= 75 * Minute + 10); // the restart cut it too

        var expected = trace.All.Select(PlatformEventOf).OfType<string>().ToList();
        Assert.Equal(6, expected.Count); // two boots, two sessions
        var published = PublishedOn(trace.All, Events).Select(IdOf).ToHashSet();
        var received = new Dictionary<(int Boot, int Seq), string>();
        var first = store.Back();
        for (var message = first; ; message = Heard.Next(store.Received, "the event after " + received.Count + " of " + published.Count))
        {
            if (message.Topic != Events)
                continue;
            var id = IdOf(message.Text);
            if (received.TryGetValue(id, out var before))
                Assert.Equal(before, message.Text); // a duplicate is the same message again
            received[id] = message.Text;
            if (published.IsSubsetOf(received.Keys))
                break;
        }
        Assert.Equal(published.Order(), received.Keys.Order());
        foreach (var text in received.Values)
            Valid(Events, text);
        Assert.Equal(expected, received.OrderBy(r => r.Key).Select(r => PlatformEventOf(r.Value)));
    }

    private void AdvanceRestarting(SimulatedPile pile, long toMs, Queue<long> restarts)
    {
        while (restarts.Count > 0 && restarts.Peek() <= toMs)
        {
            pile.AdvanceTo(restarts.Dequeue());
            _broker.Restart();
        }
        pile.AdvanceTo(toMs);
    }
}
