using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The delivery probe against the county's mosquitto over MQTT 3.1.1, as the device speaks it: mosquitto acknowledges a
/// publish its ACL denies and grants a denied subscription, so only the probe that never comes back tells the pile.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DeliveryProbeOnMosquittoTests
{
    private const string Account = "cc-0001";

    private readonly Mosquitto _broker;

    public DeliveryProbeOnMosquittoTests(BrokerFixture fixture) => _broker = fixture.Broker;

    /// <summary>A simulated pile named <paramref name="pileId"/> on mosquitto with <see cref="Account"/>'s credentials over 3.1.1, charged once.</summary>
    private (SimulatedPile Pile, TraceLines Trace) Charge(string pileId, long untilMs, out BrokerSession session)
    {
        var settings = new BrokerSettings(new[] { ("127.0.0.1", _broker.Port) }, null, Account, Mosquitto.PasswordOf(Account), pileId, Mqtt311: true);
        session = BrokerSession.Open(settings, out var failure) ?? throw new InvalidOperationException(failure);
        var trace = new TraceLines();
        var pile = new SimulatedPile(new PileConfig(), new JsonTraceWriter(trace), null, session.Link, session.Link, session.LinkSettings);
        pile.Start();
        Apply(pile, 1_000, "plug 16A");
        Apply(pile, 2_000, "ev ready");
        Apply(pile, 10_000, "unplug");
        pile.AdvanceTo(untilMs);
        return (pile, trace);
    }

    private static void Apply(SimulatedPile pile, long atMs, string command)
    {
        pile.AdvanceTo(atMs - 1);
        Assert.Null(pile.Apply(ScenarioParser.ParseCommand(command, atMs, out _)!));
    }

    private static IEnumerable<string> Links(TraceLines trace) => trace.All.Where(l => l.Contains("\"ev\":\"link\""))
        .Select(l => JsonDocument.Parse(l).RootElement).Select(e => (e.GetProperty("up").GetBoolean() ? "up " : "down ") + e.GetProperty("reason").GetString());

    [Fact]
    public void APileTheAclDoesNotLetPublishKeepsItsEventsAndRaisesLinkRefused()
    {
        // cc-0001's credentials on a pile that publishes as cc-0002: the ACL lets it write and read only under piles/cc-0001/
        var (pile, trace) = Charge("cc-0002", 100_000, out var session);
        using (session)
        {
            Assert.Contains("down undelivered", Links(trace));
            Assert.Contains(trace.All, l => l.Contains("\"ev\":\"fault\"") && l.Contains("link-refused"));
            Assert.True(pile.Runtime.Outbox.Pending >= 3, "events the broker dropped left the outbox: " + pile.Runtime.Outbox.Pending); // boot, start, end
            Assert.DoesNotContain(trace.All, l => l.Contains("\"topic\":\"piles/cc-0002/events\"")); // held back, not handed to a broker that drops them
        }
    }

    [Fact]
    public void WithTheRightAclNothingChanges()
    {
        var (pile, trace) = Charge(Account, 30_000, out var session);
        using (session)
        {
            Assert.Equal(new[] { "up connected" }, Links(trace));
            Assert.DoesNotContain(trace.All, l => l.Contains("link-refused"));
            Assert.Equal(0, pile.Runtime.Outbox.Pending);
            Assert.Contains(trace.All, l => l.Contains("\"topic\":\"piles/cc-0001/echo\""));
        }
    }
}
