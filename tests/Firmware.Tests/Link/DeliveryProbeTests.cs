using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Safety;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.SerialConsole;
using ChargeController.Tests.Support;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// MQTT 3.1.1, the device's protocol: a broker acknowledges a publish its ACL denies like any other, so only the delivery
/// probe (docs/mqtt-api.md, Delivery) tells the pile that its events would vanish: it publishes to its own echo topic
/// on each connection, and its events wait until the probe came back. Judged from what reaches the simulated broker.
/// </summary>
public class DeliveryProbeTests
{
    private const string Root = "piles/cc-0001/";
    private const string Echo = "piles/cc-0001/echo";

    private static (SimulatedPile Sim, RecordingWriter Trace, BrokerLog Broker) Start311(string? deniedTopics = null, string? deniedSubscriptions = null,
        string? setting = null, int latencyMs = 100)
    {
        var config = new PileConfig();
        if (setting != null)
            config.SetAssignment(setting);
        return LinkRun.Start(config, s =>
        {
            s.Link.Mqtt311 = true;
            s.Link.DeniedTopics = deniedTopics;
            s.Link.DeniedSubscriptions = deniedSubscriptions;
            s.Link.LatencyMs = latencyMs;
        });
    }

    private static void Charge(SimulatedPile sim)
    {
        Do(sim, 10_000, "plug 32A");
        Do(sim, 11_000, "ev ready");
        Do(sim, 30_000, "unplug");
    }

    /// <summary>The pile's link changes from its trace: (time, up, reason).</summary>
    private static List<(long Ms, bool Up, string Reason)> Links(RecordingWriter trace) => trace.Lines.Where(l => l.Contains("\"ev\":\"link\""))
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => (e.GetProperty("t").GetInt64(), e.GetProperty("up").GetBoolean(), e.GetProperty("reason").GetString() ?? "")).ToList();

    [Fact]
    public void PublishesTheAclDropsStayInTheOutboxRaiseLinkRefusedAndGoOnceTheAclAllowsThem()
    {
        var (sim, trace, broker) = Start311(deniedTopics: Root);
        Charge(sim);
        sim.AdvanceTo(120_000);

        Assert.True(sim.Pile.Faults.IsRaised(Fault.LinkRefused), "the broker drops every publish and the pile does not say so");
        Assert.Empty(broker.Events());
        Assert.True(sim.Runtime.Outbox.Pending >= 3, "events the broker dropped left the outbox: " + sim.Runtime.Outbox.Pending); // boot, start, end
        Assert.Contains(Links(trace), l => !l.Up && l.Reason == "undelivered");
        Assert.InRange(sim.Link.ConnectAttempts, 2, 6); // the backoff, and a probe's timeout, between attempts

        sim.Link.DeniedTopics = null; // the county fixed its ACL
        sim.AdvanceTo(900_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused), "still raised after the broker delivered the probe");
        Assert.Equal(0, sim.Runtime.Outbox.Pending);
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents); // none lost, the fault's own events included
        Assert.Contains(broker.Events(), e => e.ToString().Contains("\"detail\":\"link-refused\""));
    }

    [Fact]
    public void TheProbeGivesUpItsTimeoutAfterItsPubackNotBefore()
    {
        var (sim, trace, _) = Start311(deniedTopics: Root, setting: "link.probeTimeoutS=10");
        sim.AdvanceTo(20_000);
        var down = Links(trace).First(l => !l.Up);
        Assert.Equal("undelivered", down.Reason);
        Assert.InRange(down.Ms, 10_200, 10_300); // the PUBACK after 2 x 100 ms of latency, then 10 s
    }

    [Fact]
    public void ASlowLinkWhoseProbeComesBackLateIsNoRefusal()
    {
        // 20 s each way: the probe is back 40 s after it went, later than the 30 s timeout, but with its own PUBACK
        var (sim, trace, broker) = Start311(latencyMs: 20_000);
        Charge(sim);
        sim.AdvanceTo(300_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused));
        Assert.DoesNotContain(Links(trace), l => !l.Up);
        Assert.Equal(0, sim.Runtime.Outbox.Pending);
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents);
    }

    [Fact]
    public void ARefusedSubscriptionKeepsTheEventsAndRaisesLinkRefused()
    {
        var (sim, trace, broker) = Start311(deniedSubscriptions: Root);
        Charge(sim);
        sim.AdvanceTo(120_000);
        Assert.True(sim.Pile.Faults.IsRaised(Fault.LinkRefused), "the broker refuses the pile's subscriptions and the pile does not say so");
        Assert.Empty(broker.Events());
        Assert.True(sim.Runtime.Outbox.Pending >= 3, "events left the outbox: " + sim.Runtime.Outbox.Pending);
        Assert.Contains(Links(trace), l => !l.Up && l.Reason == "sub-denied");
        Assert.InRange(sim.Link.ConnectAttempts, 3, 10);

        sim.Link.DeniedSubscriptions = null;
        sim.AdvanceTo(900_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused));
        Assert.Equal(0, sim.Runtime.Outbox.Pending);
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents);
    }

    [Fact]
    public void OnABrokerThatDeliversTheEventsFollowTheProbeOncePerConnection()
    {
        var (sim, trace, broker) = Start311();
        Charge(sim);
        Do(sim, 60_000, "link down");
        Do(sim, 70_000, "link up");
        sim.AdvanceTo(ConfigKeys.KeepAliveS.Default * 1000L + 120_000);

        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused));
        var probes = broker.Messages.Where(m => m.Topic == Echo).Select(m => m.Payload).ToList();
        Assert.Equal(new[] { "{\"v\":1,\"pile\":\"cc-0001\",\"probe\":1}", "{\"v\":1,\"pile\":\"cc-0001\",\"probe\":2}" }, probes); // one a connection, numbered
        Assert.Equal(2, sim.Link.ConnectAttempts);
        var first = broker.Messages.FindIndex(m => m.Topic == Echo);
        var firstEvent = broker.Messages.FindIndex(m => m.Topic.EndsWith("/events"));
        Assert.True(first < firstEvent, "an event went before the probe came back");
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents);
    }

    [Fact]
    public void NetSaysWhichWayTheBrokerRefusesThePile()
    {
        var rig = new ConsoleRig();
        rig.Harness.Sim.Link.Mqtt311 = true;
        rig.Harness.Sim.Link.DeniedTopics = Root;
        rig.Idle(40_000);
        var net = rig.Run("net");
        Assert.Contains("lastError     undelivered\r\n", net);
        Assert.Contains("publishes     not delivered: the broker acknowledged the pile's delivery probe but never delivered it (its ACL does " +
            "not let this pile publish); the events wait in the outbox\r\n", net);

        rig.Harness.Sim.Link.DeniedTopics = null;
        rig.Harness.Sim.Link.DeniedSubscriptions = Root;
        rig.Idle(400_000);
        net = rig.Run("net");
        Assert.Contains("lastError     sub-denied\r\n", net);
        Assert.Contains("publishes     held: the broker refused the pile's subscriptions (its ACL does not let this pile read its topics); " +
            "the events wait in the outbox\r\n", net);

        rig.Harness.Sim.Link.DeniedSubscriptions = null;
        rig.Idle(400_000);
        Assert.DoesNotContain("publishes", rig.Run("net"));
    }

    [Theory]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":1}", 1)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":2147483647}", 2147483647)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":2147483648}", -1)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":}", -1)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":1x}", -1)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":1", -1)]
    [InlineData("{\"v\":1,\"pile\":\"cc-0002\",\"probe\":1}", -1)]
    public void AnEchoIsThePilesProbeOnlyWithItsNumber(string payload, int nonce)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("xx" + payload);
        Assert.Equal(nonce, new ChargeController.Firmware.Link.DeliveryProbe("cc-0001", 30_000).NonceOf(bytes, 2, bytes.Length - 2));
    }

    [Fact]
    public void TheProbeWritesItsNumberAsItsEchoIsRead()
    {
        var probe = new ChargeController.Firmware.Link.DeliveryProbe("cc-0001", 30_000);
        foreach (var nonce in new[] { 1, 9, 10, 4711, int.MaxValue })
        {
            probe.Start(nonce);
            Assert.Equal("{\"v\":1,\"pile\":\"cc-0001\",\"probe\":" + nonce + "}", System.Text.Encoding.ASCII.GetString(probe.Payload, 0, probe.Count));
            Assert.Equal(nonce, probe.NonceOf(probe.Payload, 0, probe.Count));
        }
    }
}
