using System.Diagnostics;
using ChargeController.Firmware.Config;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>The end of `run --broker`: the pile goes on in real time while records wait and the network is up, up to a limit.</summary>
public class OutboxDrainTests
{
    private static SimulatedPile Started()
    {
        var pile = new SimulatedPile(new PileConfig(), new NoTrace());
        pile.Start();
        pile.AdvanceTo(5000);
        return pile;
    }

    [Fact]
    public void ThePileRunsInRealTimeUntilTheOutboxIsEmpty()
    {
        var pile = Started();
        var outbox = new Backlog(() => pile.NowMs < 5300 ? 3 : 0);
        var waited = Stopwatch.StartNew();
        Assert.Equal(0, OutboxDrain.Wait(pile, outbox, limitMs: 5000));
        Assert.InRange(pile.NowMs, 5300, 5400);
        Assert.InRange(waited.ElapsedMilliseconds, 250, 4000);
    }

    [Fact]
    public void AtTheLimitTheRecordsLeftAreCounted()
    {
        var pile = Started();
        var waited = Stopwatch.StartNew();
        Assert.Equal(7, OutboxDrain.Wait(pile, new Backlog(() => 7), limitMs: 300));
        Assert.InRange(waited.ElapsedMilliseconds, 300, 3000);
        Assert.InRange(pile.NowMs, 5200, 5400);
    }

    [Fact]
    public void WithTheNetworkDownNothingWaits()
    {
        var pile = Started();
        pile.Apply(ScenarioParser.ParseCommand("link down", 5000, out _)!);
        Assert.Equal(4, OutboxDrain.Wait(pile, new Backlog(() => 4), limitMs: 5000));
        Assert.Equal(5000, pile.NowMs);
    }

    [Fact]
    public void TheTraceEndsWithTheRecordsLeft() =>
        Assert.Equal("{\"t\":45000,\"ev\":\"end\",\"outbox\":2}", OutboxDrain.EndLine(45000, 2));

    private sealed class Backlog(Func<int> records) : IOutboxBacklog
    {
        public int Records => records();
    }
}
