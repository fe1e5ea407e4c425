using ChargeController.Firmware.Safety;
using ChargeController.Sim.Link;
using ChargeController.Tests.SerialConsole;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// A broker whose ACL denies the pile its topics answers each QoS 1 publish with an MQTT 5 refusal (PUBACK 0x87): the pile
/// keeps what was refused, says so (fault link-refused, the console's net), and tries again with the backoff until the
/// broker takes it.
/// </summary>
public class RefusedPublishTests
{
    private const string Events = "piles/cc-0001/events";

    [Fact]
    public void RefusedEventsStayInTheOutboxRaiseLinkRefusedAndGoOnceTheAclAllowsThem()
    {
        var (sim, trace, broker) = Start(before: s => s.Link.DeniedTopics = Events);
        Do(sim, 10_000, "plug 32A");
        Do(sim, 11_000, "ev ready");
        Do(sim, 30_000, "unplug");
        sim.AdvanceTo(120_000);

        Assert.True(sim.Pile.Faults.IsRaised(Fault.LinkRefused), "the broker refuses every event and the pile does not say so");
        Assert.Empty(broker.Events());
        Assert.True(sim.Runtime.Outbox.Pending >= 3, "refused events left the outbox: " + sim.Runtime.Outbox.Pending); // boot, start, end
        Assert.Contains(trace.Lines, l => l.Contains("\"ev\":\"link\"") && l.Contains("\"denied\""));
        // the status is not denied: the platform sees the fault there
        Assert.Contains("link-refused", broker.On("/status").Last().GetProperty("faults").ToString());
        // with the backoff (2 s doubling, at most 5 min), not a connection a tick
        Assert.InRange(sim.Link.ConnectAttempts, 3, 10);

        sim.Link.DeniedTopics = null; // the county fixed its ACL
        sim.AdvanceTo(600_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused), "still raised after the broker took the events");
        Assert.Equal(0, sim.Runtime.Outbox.Pending);
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents); // none lost, the fault's own events included
        Assert.Contains(broker.Events(), e => e.ToString().Contains("\"detail\":\"link-refused\""));
    }

    [Fact]
    public void AcceptedEventsDoNotRaiseIt()
    {
        var (sim, _, broker) = Start();
        Do(sim, 10_000, "plug 32A");
        Do(sim, 11_000, "ev ready");
        Do(sim, 30_000, "unplug");
        sim.AdvanceTo(120_000);
        Assert.False(sim.Pile.Faults.IsRaised(Fault.LinkRefused));
        Assert.Equal(1, sim.Link.ConnectAttempts);
        Assert.NotEmpty(broker.Events());
    }

    [Fact]
    public void NetSaysInPlainWordsThatTheBrokerRefusesThePilesPublishes()
    {
        var rig = new ConsoleRig();
        rig.Harness.Sim.Link.DeniedTopics = "piles/cc-0001/";
        rig.Idle(20_000);
        var net = rig.Run("net");
        Assert.Contains("lastError     denied\r\n", net);
        Assert.Contains("publishes     refused by the broker (MQTT reason 135, not authorized): its ACL does not let this pile publish; the events wait in the outbox\r\n", net);

        rig.Harness.Sim.Link.DeniedTopics = null;
        rig.Idle(400_000);
        Assert.DoesNotContain("publishes", rig.Run("net"));
    }
}
