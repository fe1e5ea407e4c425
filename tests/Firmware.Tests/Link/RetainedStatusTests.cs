using System.Text.Json;
using ChargeController.Sim.Link;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>The retained status the broker keeps is the pile's present, not a past backlog or a pile that left.</summary>
public class RetainedStatusTests
{
    private static int Outbox(JsonElement status) => status.GetProperty("outbox").GetInt32();

    [Fact]
    public void ABacklogThatDrainsIsFollowedByAStatusSayingSoAndNoMore()
    {
        var (sim, _, broker) = Start();
        Do(sim, 10_000, "link down");
        Do(sim, 20_000, "plug 32A");
        Do(sim, 21_000, "ev ready");
        Do(sim, 60_000, "unplug");
        Do(sim, 10_000 + KeepAliveMs + 60_000, "link up"); // the pile noticed the cut one keepalive after it
        sim.AdvanceTo(10_000 + KeepAliveMs + 140_000);
        var statuses = broker.On("/status").Where(s => s.GetProperty("online").GetBoolean()).ToList();
        Assert.Contains(statuses, s => Outbox(s) > 0); // the connect's status shows the backlog
        Assert.Equal(0, Outbox(statuses.Last())); // and the retained one that it is gone
        var count = broker.On("/status").Count;
        sim.AdvanceTo(2_000_000);
        Assert.Equal(count, broker.On("/status").Count); // one status for the drain, then quiet
    }

    [Fact]
    public void APlannedDisconnectLeavesTheRetainedStatusOffline()
    {
        var (sim, _, broker) = Start();
        sim.AdvanceTo(5_000);
        sim.Runtime.LeaveLink(); // PileSim's quit
        sim.AdvanceTo(5_000 + SimBrokerLink.DefaultLatencyMs * 4);
        Assert.True(sim.Runtime.LinkLeft);
        var last = broker.Messages.Last(m => m.Topic.EndsWith("/status"));
        Assert.Contains("\"online\":false", last.Payload);
        Assert.True(last.Retain);
        Assert.Equal(1, broker.Messages.Count(m => m.Payload.Contains("\"online\":false"))); // the pile's, not a will besides
    }
}
