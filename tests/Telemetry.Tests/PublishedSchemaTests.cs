using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// Every message the running pile publishes (the link supervisor over the simulated broker, in every example scenario)
/// validates against the schema its topic and "event" name, and so does the will the broker keeps when the pile vanishes.
/// </summary>
public class PublishedSchemaTests
{
    private sealed class Publishes : IEventWriter, ILinkObserver
    {
        public List<(string Topic, string Payload, LinkQos Qos, bool Retain)> All { get; } = new();
        public void Write(PileEvent e) { }
        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain) =>
            All.Add((topic, System.Text.Encoding.UTF8.GetString(payload, 0, count), qos, retain));
        public void LinkChanged(long nowMs, bool up, string reason) { }
    }

    private static string SchemaOf(string topic, JsonElement message) =>
        Schemas.OfPublish(SimulatedPile.DefaultLink.TopicRoot ?? "piles/" + SimulatedPile.DefaultLink.PileId, topic, message);

    [Theory]
    [MemberData(nameof(EncoderSchemaTests.Scenarios), MemberType = typeof(EncoderSchemaTests))]
    public void EveryPublishOfAnExampleScenarioIsValid(string name)
    {
        var parse = ScenarioParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".scn")));
        var publishes = new Publishes();
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), publishes));
        Assert.NotEmpty(publishes.All);
        foreach (var (topic, payload, qos, retain) in publishes.All)
        {
            var schema = SchemaOf(topic, JsonDocument.Parse(payload).RootElement);
            Schemas.AssertValid(schema, payload);
            Assert.Equal(schema == "telemetry" ? LinkQos.AtMostOnce : LinkQos.AtLeastOnce, qos);
            Assert.Equal(schema is "status" or "status-offline", retain); // the offline one when the pile leaves on purpose, as its will would say it
        }
    }

    [Fact]
    public void TheExampleScenariosPublishEveryEventKind()
    {
        var seen = new HashSet<string>();
        foreach (var name in EncoderSchemaTests.Scenarios().Select(s => (string)s[0]))
        {
            var parse = ScenarioParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".scn")));
            var publishes = new Publishes();
            ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), publishes);
            foreach (var p in publishes.All)
                seen.Add(SchemaOf(p.Topic, JsonDocument.Parse(p.Payload).RootElement));
        }
        Assert.Superset(new HashSet<string> { "status", "telemetry", "event-boot", "event-session-start", "event-session-end",
            "event-fault-raised", "event-fault-cleared", "event-config-changed" }, seen);
    }

    [Fact]
    public void AFailedConsoleLoginReachesTheBrokersEventsTopicValidAndWithoutThePin()
    {
        var sim = new SimulatedPile(new PileConfig(), new Publishes());
        sim.Start();
        sim.AdvanceTo(1_000);
        Assert.Null(sim.Apply(ScenarioParser.ParseCommand("console login", 1_010, out _)!));
        sim.AdvanceTo(1_200);
        Assert.Null(sim.Apply(ScenarioParser.ParseCommand("console 271828", 1_210, out _)!));
        sim.AdvanceTo(3_000);

        var broker = sim.Link.Broker;
        var kept = broker.Received < broker.LogCapacity ? (int)broker.Received : broker.LogCapacity;
        var events = Enumerable.Range(0, kept).Select(broker.Logged).Where(m => m.Topic == "piles/cc-0001/events")
            .Select(m => System.Text.Encoding.UTF8.GetString(m.Payload, 0, m.Count)).ToList();
        var console = Assert.Single(events, e => e.Contains("\"event\":\"console\""));
        var message = Schemas.AssertValid("event-console", console);
        Assert.Equal("login", message.GetProperty("action").GetString());
        Assert.False(message.GetProperty("accepted").GetBoolean());
        Assert.StartsWith("wrong PIN", message.GetProperty("reason").GetString());
        Assert.True(message.GetProperty("uptimeMs").GetInt64() >= 1_210);
        Assert.DoesNotContain("271828", console);
    }

    [Fact]
    public void TheWillTheBrokerKeepsIsTheOfflineStatus()
    {
        var sim = new SimulatedPile(new PileConfig(), new Publishes());
        sim.Start();
        sim.AdvanceTo(1_000);
        var status = sim.Link.Broker.RetainedOf("piles/cc-0001/status")!;
        Schemas.AssertValid("status", System.Text.Encoding.UTF8.GetString(status.Payload, 0, status.Count));
        sim.Apply(ScenarioParser.ParseCommand("power cut", 2_000, out _)!);
        sim.AdvanceTo(2_000 + ConfigKeys.KeepAliveS.Default * 1500L + 1_000); // one and a half keepalives
        status = sim.Link.Broker.RetainedOf("piles/cc-0001/status")!;
        var will = System.Text.Encoding.UTF8.GetString(status.Payload, 0, status.Count);
        Schemas.AssertValid("status-offline", will);
        Assert.False(JsonDocument.Parse(will).RootElement.GetProperty("online").GetBoolean());
    }

    [Fact]
    public void ASessionUnderATariffEndsWithItsEnergyPerBandAddingUpToEnergyWh()
    {
        var slots = "[" + string.Join(",", Enumerable.Range(0, 48).Select(slot => slot < 20 ? 1 : 3)) + "]"; // band 3 from 10:00 local
        var parse = ScenarioParser.Parse(string.Join("\n",
            "0s set auth.mode=platform",
            "0s clock 2025-11-24T01:55:00Z",
            "0s cmd {\"v\":1,\"id\":\"t\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":4,\"utcOffsetMin\":480,\"slots\":" + slots + "}",
            "1s plug 32A",
            "2s cmd {\"v\":1,\"id\":\"s\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"CARD-1\"}",
            "3s ev ready",
            "600s unplug",
            "620s end"));
        Assert.True(parse.Succeeded, parse.Error);
        var publishes = new Publishes();
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), publishes));
        var end = Assert.Single(publishes.All, p => p.Topic.EndsWith("/events") && p.Payload.Contains("\"session-end\""));
        var message = Schemas.AssertValid("event-session-end", end.Payload);
        var wh = message.GetProperty("bandsWh").EnumerateArray().Select(b => b.GetInt64()).ToArray();
        Assert.Equal(message.GetProperty("energyWh").GetInt64(), wh.Sum());
        Assert.True(wh[1] > 500 && wh[3] > 500 && wh[0] + wh[2] == 0, string.Join(",", wh));
    }
}
