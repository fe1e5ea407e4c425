using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// A pile given several brokers, on virtual time over the simulated link whose brokers deliver to one platform (the nodes
/// of a cluster): judged by where its connection goes and what reaches the platform.
/// </summary>
public class FailoverTests
{
    private static (SimulatedPile Sim, RecordingWriter Trace, BrokerLog Broker) Start(int brokers)
    {
        var trace = new RecordingWriter();
        var sim = new SimulatedPile(new PileConfig(), trace, linkSettings: new LinkSettings { Brokers = brokers });
        var broker = new BrokerLog();
        sim.Link.Broker.Tap = broker;
        sim.Start();
        return (sim, trace, broker);
    }

    /// <summary>Virtual time on to <paramref name="untilMs"/> in steps of a second; the first second the pile was on <paramref name="broker"/>, or -1.</summary>
    private static long OnBrokerAt(SimulatedPile sim, int broker, long untilMs)
    {
        for (var t = sim.NowMs + 1000; t <= untilMs; t += 1000)
        {
            sim.AdvanceTo(t);
            if (sim.Link.ConnectedBroker == broker)
                return t;
        }
        return -1;
    }

    [Fact]
    public void AStoppedBrokerIsLeftForTheNextAfterTwoFailuresAndEveryEventArrivesOnce()
    {
        var (sim, trace, broker) = Start(brokers: 3);
        sim.AdvanceTo(5_000);
        Assert.Equal(0, sim.Link.ConnectedBroker); // the list's first

        Do(sim, 70_000, "plug 32A"); // the connection has held a minute
        Do(sim, 71_000, "ev ready");
        sim.Link.SetBrokerUp(0, false);
        var attempts = sim.Link.ConnectAttempts;
        var onSecondMs = OnBrokerAt(sim, 1, 120_000);
        Do(sim, 300_000, "unplug");
        sim.AdvanceTo(400_000);

        // lost (a held connection: back to the first), waits 2 s and 4 s (+-20 %) with a refused attempt after each, then the next
        Assert.InRange(onSecondMs - 71_000, 11_000, 18_000);
        Assert.Equal(3, sim.Link.ConnectAttempts - attempts);
        Assert.Equal(1, sim.Link.ConnectedBroker);
        Assert.Equal(PlatformEvents(trace), broker.DistinctEvents);
        Assert.Contains(broker.Events(), e => e.GetProperty("event").GetString() == "session-end");
    }

    /// <summary>A pile of two brokers whose first stopped 5 s after the start, now on the second; the first is back.</summary>
    private static SimulatedPile OnTheSecondOfTwo()
    {
        var (sim, _, _) = Start(brokers: 2);
        sim.AdvanceTo(5_000);
        sim.Link.SetBrokerUp(0, false);
        Assert.True(OnBrokerAt(sim, 1, 60_000) > 0);
        sim.Link.SetBrokerUp(0, true);
        return sim;
    }

    [Fact]
    public void APileStaysOnAWorkingFallbackAndGoesBackToTheFirstWhenThatConnectionEnds()
    {
        var sim = OnTheSecondOfTwo();
        sim.AdvanceTo(3_600_000);
        Assert.Equal(1, sim.Link.ConnectedBroker); // the first is back, but a working connection is not left

        sim.Link.SetBrokerUp(1, false);
        var attempts = sim.Link.ConnectAttempts;
        var backMs = OnBrokerAt(sim, 0, 3_700_000);
        Assert.InRange(backMs - 3_600_000, 1_000, 3_000); // the first attempt after a held connection goes to the first broker
        Assert.Equal(1, sim.Link.ConnectAttempts - attempts);
    }

    [Fact]
    public void AFallbackThatDropsEachConnectionAtOnceCountsAsFailingAndTheListWrapsRound()
    {
        var sim = OnTheSecondOfTwo();
        var visitedFirst = false;
        for (var t = sim.NowMs + 500; t < 600_000; t += 500)
        {
            sim.AdvanceTo(t);
            if (sim.Link.ConnectedBroker == 1)
                sim.Link.SetBrokerUp(1, false); // accepts, then dies: a node crashing in a loop
            else
                sim.Link.SetBrokerUp(1, true);
            visitedFirst |= sim.Link.ConnectedBroker == 0;
        }
        Assert.True(visitedFirst, "connections lost before they held count as failures, and the pile moves on");
    }

    [Fact]
    public void WithEveryBrokerDownThePileTriesNoMoreOftenThanWithOne()
    {
        var (one, _, _) = Start(brokers: 1);
        var (three, _, _) = Start(brokers: 3);
        foreach (var sim in new[] { one, three })
        {
            sim.AdvanceTo(5_000);
            for (var b = 0; b < 3; b++)
                sim.Link.SetBrokerUp(b, false);
            sim.AdvanceTo(3_605_000);
        }
        Assert.Equal(one.Link.ConnectAttempts, three.Link.ConnectAttempts);
        Assert.InRange(one.Link.ConnectAttempts, 10, 30);
    }
}
