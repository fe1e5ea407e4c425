using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;
using static ChargeController.Tests.Link.LinkRun;

namespace ChargeController.Tests.Link;

/// <summary>
/// Each command's result reaches the platform, and a command sent again with its id (the platform's retry after its
/// timeout) gets the original result, never a second run: across a lost connection and across a power cut. Judged by
/// what arrives at the simulated broker.
/// </summary>
public class CommandResultDeliveryTests
{
    private const string Stop = "{\"v\":1,\"id\":\"stop-1\",\"cmd\":\"stop\",\"ttlS\":600}";

    private static (SimulatedPile Sim, BrokerLog Broker) Charging()
    {
        var (sim, _, broker) = LinkRun.Start();
        Do(sim, 1_000, "plug 32A");
        Do(sim, 2_000, "ev ready");
        sim.AdvanceTo(10_000);
        Assert.True(sim.Board.Contactor.FeedbackClosed);
        return (sim, broker);
    }

    private static List<JsonElement> ResultsFor(BrokerLog broker, string id) =>
        broker.On("/cmd/result").Where(r => r.GetProperty("id").GetString() == id).ToList();

    private static void AssertTheStopsOwnResult(JsonElement result)
    {
        Assert.Equal("Accepted", result.GetProperty("status").GetString());
        Assert.Equal("ok", result.GetProperty("reason").GetString());
    }

    [Fact]
    public void AResultLostWithTheConnectionIsSentAgainAndARetryGetsTheOriginalResult()
    {
        var (sim, broker) = Charging();
        Do(sim, 20_000, "cmd " + Stop);
        Do(sim, 20_030, "link down"); // the result is on its way to the broker: lost with the connection
        sim.AdvanceTo(21_000);
        Assert.False(sim.Board.Contactor.FeedbackClosed);
        Assert.Empty(ResultsFor(broker, "stop-1"));
        Do(sim, 30_000, "link up");
        var retryMs = 20_030 + KeepAliveMs + 150_000; // the pile noticed the cut one keepalive after it, and reconnected
        sim.AdvanceTo(retryMs);
        AssertTheStopsOwnResult(Assert.Single(ResultsFor(broker, "stop-1")));

        Do(sim, retryMs, "cmd " + Stop); // the platform's retry crossed the result
        sim.AdvanceTo(retryMs + 1_000);
        var results = ResultsFor(broker, "stop-1");
        Assert.Equal(2, results.Count);
        AssertTheStopsOwnResult(results[1]);
        Assert.True(results[1].GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public void AfterAPowerCutARetryGetsTheOriginalResultNotASecondRun()
    {
        var (sim, broker) = Charging();
        Do(sim, 20_000, "cmd " + Stop);
        sim.AdvanceTo(20_200);
        Do(sim, 20_210, "power cut"); // the stop is done; whether its result got out the platform cannot know
        Do(sim, 21_000, "power restore");
        Do(sim, 24_000, "unplug");
        Do(sim, 25_000, "plug 32A");
        Do(sim, 26_000, "ev ready"); // a new session: a second run of the stop would end it
        Do(sim, 40_000, "cmd " + Stop);
        sim.AdvanceTo(41_000);
        Assert.True(sim.Board.Contactor.FeedbackClosed, "the retried stop ran again");
        var retry = ResultsFor(broker, "stop-1").Last();
        AssertTheStopsOwnResult(retry);
        Assert.True(retry.GetProperty("replayed").GetBoolean());
    }
}
