using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.Tests.Health;

/// <summary>
/// Each warning arrives, on the platform's events topic, before the fault the ageing part would end in: the simulated
/// parts age session by session (the `age` verbs and their kin, docs/scenarios.md) on the whole firmware, on virtual time.
/// </summary>
public class AgeingScenarioTests
{
    private sealed class Watch : IEventWriter, ILinkObserver
    {
        public readonly List<(long Ms, string What)> Seen = new();

        public void Write(PileEvent e)
        {
            if (e.Kind == EventKind.Fault && e.Flag)
                Seen.Add((e.TimeMs, "fault " + (Fault)e.Code + (e.Flag2 ? " latched" : "")));
            if (e.Kind == EventKind.Pilot && e.Value2 > 0)
                Seen.Add((e.TimeMs, "advertised " + e.Value2));
        }

        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            if (!topic.EndsWith("/events"))
                return;
            var message = JsonDocument.Parse(Encoding.UTF8.GetString(payload, 0, count)).RootElement;
            if (message.GetProperty("event").GetString() == "health-warning")
                Seen.Add((nowMs, "warning " + message.GetProperty("part").GetString() + "." + message.GetProperty("figure").GetString()));
        }

        public void LinkChanged(long nowMs, bool up, string reason) { }

        public long First(string what)
        {
            var found = Seen.FindIndex(s => s.What.StartsWith(what));
            Assert.True(found >= 0, $"no {what} in: {string.Join("; ", Seen.Select(s => s.Ms + " " + s.What))}");
            return Seen[found].Ms;
        }
    }

    /// <summary>Sessions of <paramref name="chargeS"/> seconds at 32 A, one every <paramref name="everyS"/>, from <paramref name="fromS"/>.</summary>
    private static int Sessions(StringBuilder text, int fromS, int count, int chargeS, int everyS = 0)
    {
        everyS = everyS == 0 ? chargeS + 10 : everyS;
        for (var i = 0; i < count; i++, fromS += everyS)
            text.Append($"{fromS}s plug 32A\n{fromS + 1}s ev ready\n{fromS + 1 + chargeS}s ev pause\n{fromS + 4 + chargeS}s unplug\n");
        return fromS;
    }

    private static Watch Run(string text)
    {
        var parse = ScenarioParser.Parse(text);
        Assert.Null(parse.Error);
        var watch = new Watch();
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), watch));
        return watch;
    }

    [Fact]
    public void ALooseningTerminalIsWarnedThenDeratedLongBeforeTheConnectorOverheats()
    {
        var text = new StringBuilder("0s set health.heatSettleMin=1\n0s set health.heatBaselineSessions=3\n0s age terminal 0%\n");
        var at = Sessions(text, 1, 3, 150);
        text.Append($"{at}s age terminal 15%\n");
        at = Sessions(text, at + 1, 40, 150);
        text.Append($"{at}s end\n");
        var watch = Run(text.ToString());
        var warned = watch.First("warning connector.heatUkPerA2");
        var derated = watch.Seen.Where(s => s.What.StartsWith("warning connector")).Skip(1).First().Ms;
        Assert.True(warned < derated, "the warning, then the derating");
        Assert.True(warned < watch.First("fault ConnectorOverTemperature"));
        var offers = watch.Seen.Where(s => s.Ms > derated + 1000 && s.What.StartsWith("advertised ")).Select(s => int.Parse(s.What[11..])).ToList();
        Assert.NotEmpty(offers);
        Assert.All(offers, offeredMa => Assert.True(offeredMa <= 10000, $"offered {offeredMa} mA on a derated connection"));
    }

    [Fact]
    public void AWeakeningFeederIsWarnedBeforeTheSupplyTripsUnderLoad()
    {
        var text = new StringBuilder("0s set health.heatSettleMin=1\n0s age feeder 80mOhm\n");
        var at = Sessions(text, 1, 25, 120);
        text.Append($"{at}s end\n");
        var watch = Run(text.ToString());
        Assert.True(watch.First("warning supply.ratedCurrentMv") < watch.First("fault UnderVoltage"));
    }

    [Fact]
    public void AContactorThatOpensSlowerIsWarnedBeforeItCountsAsWelded()
    {
        var text = new StringBuilder();
        var at = Sessions(text, 1, 20, 5); // the delay's baseline
        text.Append($"{at}s age contactor 10ms\n");
        at = Sessions(text, at + 1, 30, 5);
        text.Append($"{at}s end\n");
        var watch = Run(text.ToString());
        Assert.True(watch.First("warning contactor.delayMs") < watch.First("fault ContactorWelded"));
    }

    [Fact]
    public void ASelfTestThatNeedsARetryIsWarnedBeforeTheDeviceFailsForGood()
    {
        var watch = Run("1s rcd selftest-flaky\n2s plug 32A\n200s unplug\n300s rcd selftest-broken\n301s plug 32A\n1500s end\n");
        Assert.True(watch.First("warning rcd.retried") < watch.First("fault ResidualCurrentSelfTest latched"));
    }

    [Fact]
    public void APilotLevelThatDriftsIsWarnedBeforeItLeavesItsWindow()
    {
        var watch = Run("0s cp level 12000mV\n3700s cp level 11300mV\n30000s cp level 10000mV\n30100s end\n");
        Assert.True(watch.First("warning pilot.plateauMv") < watch.First("fault"));
    }

    [Fact]
    public void AMeterLinkThatLosesReadingsIsWarnedBeforeTheMeterIsLost()
    {
        // Three idle polls may go unanswered before the meter counts as lost: a lost reading now and then is no fault.
        var watch = Run("0s set meter.lossTimeoutMs=30000\n0s meter flaky 10%\n4000s meter offline\n4100s end\n");
        Assert.True(watch.First("warning meter.errorPermille") < watch.First("fault MeterLost"));
    }
}
