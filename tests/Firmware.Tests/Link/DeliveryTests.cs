using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Sim.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// The outbox and the link supervisor on virtual time over the simulated broker: judged by what arrives at the broker,
/// never by the pile's own state.
/// </summary>
public class DeliveryTests
{
    private static (SimulatedPile Sim, RecordingWriter Trace, BrokerLog Broker) Start(string? setting = null)
    {
        var config = new PileConfig();
        if (setting != null)
            config.SetAssignment(setting);
        return LinkRun.Start(config);
    }

    private static void AssertEachEventOnceAfterDeduplication(RecordingWriter trace, BrokerLog broker)
    {
        var events = broker.Events();
        var ids = events.Select(e => (e.GetProperty("boot").GetInt32(), e.GetProperty("seq").GetInt32())).ToList();
        Assert.Equal(PlatformEvents(trace), ids.Distinct().Count());
        var kinds = events.GroupBy(e => (e.GetProperty("boot").GetInt32(), e.GetProperty("seq").GetInt32()))
            .Select(g => g.First().GetProperty("event").GetString()).ToList();
        Assert.Equal(trace.Events.Count(e => e.Kind == EventKind.Session && e.Code == EventRing.SessionEnd),
            kinds.Count(k => k == "session-end"));
    }

    [Fact]
    public void AnHourOfflineWithSessionsThenEveryEventArrivesOnceAfterDeduplication()
    {
        var (sim, trace, broker) = Start();
        Do(sim, 10_000, "link down");
        var t = 20_000L;
        for (var s = 0; s < 4; s++, t += 600_000)
        {
            Do(sim, t, "plug 32A");
            Do(sim, t + 1_000, "ev ready");
            Do(sim, t + 300_000, "unplug");
        }
        Do(sim, 3_000_000, "config auth.timeoutS=90");
        var beforeUp = broker.Events().Count;
        Do(sim, 3_610_000, "link up");
        sim.AdvanceTo(4_500_000);

        Assert.True(sim.Link.ConnectAttempts > 5, "the pile kept trying while the network was down");
        Assert.Equal(1, beforeUp); // only the boot event made it before the cut
        AssertEachEventOnceAfterDeduplication(trace, broker);
        Assert.Contains(broker.Events(), e => e.GetProperty("event").GetString() == "config-changed");
        var status = JsonDocument.Parse(broker.Messages.Last(m => m.Topic.EndsWith("/status")).Payload).RootElement;
        Assert.True(status.GetProperty("online").GetBoolean());
        Assert.Equal(1, status.GetProperty("link").GetProperty("losses").GetInt32());
        Assert.True(status.GetProperty("link").GetProperty("otherFailures").GetInt32() > 0);
        Assert.Contains(broker.Messages, m => m.Topic.EndsWith("/status") && m.Payload.Contains("\"online\":false")); // the will
    }

    [Fact]
    public void EventsCutShortByPowerLossesArriveOnceAfterDeduplication()
    {
        var (sim, trace, broker) = Start();
        Do(sim, 5_000, "plug 32A");
        Do(sim, 6_000, "ev ready");
        Do(sim, 6_050, "power cut"); // the session start is on flash; its publish dies with the power
        Do(sim, 7_000, "power restore");
        Do(sim, 60_000, "unplug");
        Do(sim, 60_100, "power cut");
        Do(sim, 61_000, "power restore");
        sim.AdvanceTo(200_000);
        AssertEachEventOnceAfterDeduplication(trace, broker);
    }

    [Fact]
    public void ALinkThatStopsAcknowledgingIsDroppedAfterTwoKeepalivesAndReconnected()
    {
        var (sim, trace, broker) = Start();
        sim.AdvanceTo(1_000);
        sim.Link.LatencyMs = 24 * 3_600_000; // half-open: publishes vanish, nothing says the connection died
        Do(sim, 2_000, "plug 32A");
        sim.AdvanceTo(2_000 + 2 * KeepAliveMs - 1_000);
        Assert.Equal(1, sim.Link.ConnectAttempts);
        sim.AdvanceTo(2_000 + 2 * KeepAliveMs + 10_000);
        Assert.Contains(trace.Lines, l => l.Contains("\"ev\":\"link\"") && l.Contains("\"stuck\""));
        sim.Link.LatencyMs = SimBrokerLink.DefaultLatencyMs;
        sim.AdvanceTo(2_000 + 2 * KeepAliveMs + 80_000);
        Assert.True(sim.Link.ConnectAttempts >= 2);
        AssertEachEventOnceAfterDeduplication(trace, broker);
    }

    [Fact]
    public void ConnectFailuresAreCountedByCauseAndReportedOnceBack()
    {
        var (sim, _, broker) = LinkRun.Start(before: s => s.Link.RefuseWith = LinkStatus.AuthenticationFailure);
        sim.AdvanceTo(10_000);
        sim.Link.RefuseWith = LinkStatus.TlsFailure;
        sim.AdvanceTo(40_000);
        sim.Link.RefuseWith = LinkStatus.DnsFailure;
        sim.AdvanceTo(100_000);
        sim.Link.RefuseWith = LinkStatus.Ok;
        sim.AdvanceTo(400_000);
        var link = JsonDocument.Parse(broker.Messages.First(m => m.Topic.EndsWith("/status")).Payload).RootElement.GetProperty("link");
        Assert.True(link.GetProperty("authFailures").GetInt32() >= 1);
        Assert.True(link.GetProperty("tlsFailures").GetInt32() >= 1);
        Assert.True(link.GetProperty("dnsFailures").GetInt32() >= 1);
        Assert.Equal(1, link.GetProperty("connects").GetInt32());
        Assert.Equal(sim.Link.ConnectAttempts - 1,
            link.GetProperty("authFailures").GetInt32() + link.GetProperty("tlsFailures").GetInt32() + link.GetProperty("dnsFailures").GetInt32());
    }

    [Fact]
    public void BackoffDoublesFromTwoSecondsToFiveMinutesWithTwentyPercentJitter()
    {
        var backoff = new LinkBackoff("cc-0001");
        var delays = new List<int>();
        for (var n = 0; n < 12; n++)
        {
            var delay = backoff.DelayMs(n);
            var nominal = Math.Min(LinkBackoff.CapMs, LinkBackoff.BaseMs * (1L << n));
            Assert.InRange(delay, nominal * 80 / 100, nominal * 120 / 100);
            delays.Add(delay);
        }
        var again = new LinkBackoff("cc-0001");
        Assert.Equal(delays, Enumerable.Range(0, 12).Select(n => again.DelayMs(n)));
        var other = new LinkBackoff("cc-0002");
        Assert.NotEqual(delays, Enumerable.Range(0, 12).Select(n => other.DelayMs(n)));
        var spread = Enumerable.Range(0, 200).Select(_ => again.DelayMs(0)).Distinct().Count();
        Assert.True(spread > 20, "the jitter spreads the retries");
    }

    [Fact]
    public void ThePileFollowsTheRealLinkStateForItsFallbackCurrent()
    {
        var (sim, trace, _) = Start();
        Do(sim, 1_000, "plug 32A");
        Do(sim, 2_000, "ev ready");
        Do(sim, 10_000, "link down");
        sim.AdvanceTo(10_000 + KeepAliveMs - 1_000);
        Assert.Equal(32_000, sim.Pile.AdvertisedMa); // the pile has not noticed yet
        sim.AdvanceTo(10_000 + KeepAliveMs + 1_000);
        Assert.Equal(6_000, sim.Pile.AdvertisedMa);
        Do(sim, 10_000 + KeepAliveMs + 30_000, "link up");
        sim.AdvanceTo(10_000 + KeepAliveMs + 430_000);
        Assert.Equal(32_000, sim.Pile.AdvertisedMa);
    }

    [Fact]
    public void MessagesCarryUtcOnceTheClockIsSetAndUptimeAlways()
    {
        var (sim, _, broker) = LinkRun.Start(before: s => s.WallClockAtZeroS = 1_795_862_176); // 2026-11-28T10:36:16Z
        Do(sim, 10_000, "plug 32A");
        Do(sim, 11_000, "ev ready");
        sim.AdvanceTo(20_000);
        var start = broker.Events().Single(e => e.GetProperty("event").GetString() == "session-start");
        Assert.Equal("2026-11-28T10:36:27Z", start.GetProperty("time").GetString());
        Assert.InRange(start.GetProperty("uptimeMs").GetInt64(), 11_000, 11_500);
        var status = JsonDocument.Parse(broker.Messages.Last(m => m.Topic.EndsWith("/status")).Payload).RootElement;
        Assert.StartsWith("2026-11-28T10:36:2", status.GetProperty("time").GetString());

        var (unset, _, unsetBroker) = Start();
        unset.AdvanceTo(5_000);
        Assert.All(unsetBroker.Messages.Where(m => m.Payload.Contains("uptimeMs")), m => Assert.DoesNotContain("\"time\"", m.Payload));
    }
}
