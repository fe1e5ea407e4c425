using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Sim.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// The link supervisor's in-flight table (QoS 1 publishes awaiting their PUBACK) on a broker link that takes more in
/// flight than the pile tracks, as M2Mqtt and the MQTTnet port do: the outbox keeps its own room, so statuses and command
/// results can never leave an event published untracked; and a publish the table cannot track is a fault, never silent.
/// </summary>
public class InFlightTests
{
    /// <summary>Twelve events wait while the link is down; it comes back on a link that takes 16 publishes in flight.</summary>
    private static (SimulatedPile Sim, RecordingWriter Trace, BrokerLog Broker, long UpMs) TwelveEventsWaiting()
    {
        var (sim, trace, broker) = LinkRun.Start(before: s => s.Link.InFlightLimit = SimBrokerLink.MaxInFlight);
        Do(sim, 1_000, "link down");
        var t = 80_000L;
        for (var s = 0; s < 6; s++, t += 20_000)
        {
            Do(sim, t, "plug 32A");
            Do(sim, t + 1_000, "ev ready");
            Do(sim, t + 10_000, "unplug");
        }
        Do(sim, t, "link up");
        while (!sim.Link.IsConnected)
            sim.AdvanceTo(sim.NowMs + 10);
        return (sim, trace, broker, sim.NowMs);
    }

    [Fact]
    public void StatusesAndResultsNeverCrowdTheOutboxOutOfTheInFlightTable()
    {
        var (sim, trace, broker, upMs) = TwelveEventsWaiting();
        // the first four events are in flight; a status change and three command results follow before their PUBACKs
        Do(sim, upMs + 20, "plug 32A");
        for (var i = 0; i < 3; i++)
            Do(sim, upMs + 30 + i * 10, $"cmd {{\"v\":1,\"id\":\"t{i}\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}}");
        Do(sim, upMs + 150, "ev ready"); // a status change while all of them wait for their PUBACKs
        sim.AdvanceTo(upMs + 300_000);

        Assert.True(PlatformEvents(trace) >= 13); // boot, six sessions' start and end
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkTracking));
    }

    /// <summary>A broker link that names one QoS 1 publish with the id of the one before it (an adapter bug), then behaves.</summary>
    private sealed class OneDuplicateId : IBrokerLink
    {
        private readonly SimBrokerLink _inner;
        private int _lastId;
        public int DuplicateAfter = -1;

        public OneDuplicateId(SimBrokerLink inner) => _inner = inner;

        public void Listen(ILinkListener listener) => _inner.Listen(listener);
        public LinkStatus Connect(LinkConnectOptions options) => _inner.Connect(options);
        public bool IsConnected => _inner.IsConnected;
        public LinkStatus Subscribe(string topicFilter, LinkQos qos) => _inner.Subscribe(topicFilter, qos);
        public void Disconnect() => _inner.Disconnect();

        public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
        {
            var status = _inner.Publish(topic, payload, offset, count, qos, retain, out messageId);
            if (status == LinkStatus.Ok && qos == LinkQos.AtLeastOnce && DuplicateAfter >= 0 && DuplicateAfter-- == 0)
                messageId = _lastId;
            else if (messageId != 0)
                _lastId = messageId;
            return status;
        }
    }

    private sealed class LateClock : IMonotonicClock
    {
        public SimulatedPile? Sim;
        public long NowMs => Sim!.NowMs;
    }

    [Fact]
    public void APublishThatCannotBeTrackedRaisesLinkTrackingReconnectsAndLosesNothing()
    {
        var clock = new LateClock();
        var inner = new SimBrokerLink(clock, new SimBroker(SimulatedPile.BrokerLogCapacity, SimulatedPile.BrokerRetainedTopics,
            SimulatedPile.BrokerMaxPayloadBytes), SimulatedPile.BrokerMaxPayloadBytes);
        var link = new OneDuplicateId(inner);
        var trace = new RecordingWriter();
        var sim = new SimulatedPile(new PileConfig(), trace, brokerLink: link, network: inner);
        clock.Sim = sim;
        var broker = new BrokerLog();
        inner.Broker.Tap = broker;
        sim.Start();
        sim.AdvanceTo(5_000);
        Assert.Equal(1, inner.ConnectAttempts);
        Do(sim, 10_000, "plug 32A");
        sim.AdvanceTo(10_900);
        link.DuplicateAfter = 1; // the status of the next change goes out, then the session start's event with the status's id
        Do(sim, 11_000, "ev ready");
        sim.AdvanceTo(12_000);
        Assert.True(sim.Pile.Faults.IsRaised(Fault.LinkTracking), "a publish went out untracked without a fault");
        Assert.Contains(trace.Lines, l => l.Contains("\"ev\":\"link\"") && l.Contains("\"untracked\""));
        Do(sim, 30_000, "unplug");
        sim.AdvanceTo(70_000); // reconnected after a backoff of 2 s (+-20 %), not yet a minute ago
        Assert.Equal(2, inner.ConnectAttempts);
        Assert.True(sim.Pile.Faults.IsRaised(Fault.LinkTracking), "cleared before a connection ran a minute");
        sim.AdvanceTo(200_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkTracking));
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents); // the session, and the fault raised and cleared
        Assert.Contains(broker.Messages, m => m.Topic.EndsWith("/events") && m.Payload.Contains("\"detail\":\"link-tracking\""));
    }
}
