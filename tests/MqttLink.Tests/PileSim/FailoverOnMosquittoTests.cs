using ChargeController.Firmware.Config;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;
using static ChargeController.MqttLink.Tests.PileSim.PlatformEventIds;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// A simulated pile given two real mosquittos (PileSim's --broker a,b: the MQTTnet link and the link supervisor's
/// failover) on virtual time: the first is stopped in the middle of a session, and a persistent platform consumer on each
/// broker together hold every event of the pile's trace, exactly once after de-duplication by id.
/// </summary>
public sealed class FailoverOnMosquittoTests
{
    private const string Pile = "cc-0005";
    private const string Events = "piles/" + Pile + "/events";
    private const long Minute = 60_000;

    [Fact]
    public void WhenTheFirstBrokerStopsThePileGoesOnWithTheSecondAndEveryEventArrivesOnce()
    {
        Mosquitto.RequireInstalled();
        using var first = new Mosquitto();
        using var second = new Mosquitto();
        using var onFirst = new PersistentConsumer(first);
        using var onSecond = new PersistentConsumer(second);
        var settings = new BrokerSettings(new[] { ("127.0.0.1", first.Port), ("127.0.0.1", second.Port) }, null, Pile, Mosquitto.PasswordOf(Pile), Pile);
        using var session = BrokerSession.Open(settings, out var failure) ?? throw new InvalidOperationException(failure);
        Assert.Equal(2, session.LinkSettings.Brokers);
        var trace = new TraceLines();
        var pile = new SimulatedPile(new PileConfig(), new JsonTraceWriter(trace), null, session.Link, session.Link, session.LinkSettings);
        var steps = ScenarioParser.Parse("0s plug 16A\n1s ev ready\n10min ev pause\n11min unplug\n15min plug 16A\n16min ev ready\n" +
            "30min unplug\n40min end\n").Steps;
        pile.Start();
        var stopped = false;
        foreach (var step in steps.Where(s => s.Verb != ScenarioVerb.End))
        {
            if (!stopped && step.TimeMs > 5 * Minute)
            {
                pile.AdvanceTo(5 * Minute);
                first.Stop(); // in the middle of the first session
                stopped = true;
            }
            pile.AdvanceTo(step.TimeMs - 1);
            Assert.Null(pile.Apply(step));
        }
        pile.AdvanceTo(steps[^1].TimeMs);
        Assert.Equal(0, OutboxDrain.Wait(pile, new PileOutbox(pile)));

        var expected = trace.All.Select(PlatformEventOf).OfType<string>().ToList();
        Assert.Equal(5, expected.Count); // a boot, two sessions
        var received = new Dictionary<(int Boot, int Seq), string>();
        var fromFirst = Drain(onFirst, received);
        Drain(onSecond, received);
        while (received.Count < expected.Count)
        {
            var message = Heard.Next(onSecond.Received, $"the event after {received.Count} of {expected.Count}");
            if (message.Topic == Events)
                received[IdOf(message.Text)] = message.Text;
        }
        Assert.Equal(expected, received.OrderBy(r => r.Key).Select(r => PlatformEventOf(r.Value)));
        Assert.True(fromFirst > 0, "the pile started on the first broker");
        Assert.True(received.Count > fromFirst, "the second broker carried what came after the first stopped");
    }

    /// <summary>What a consumer holds now, into <paramref name="received"/> (a duplicate must be the same message).</summary>
    /// <returns>how many events it held</returns>
    private static int Drain(PersistentConsumer consumer, Dictionary<(int Boot, int Seq), string> received)
    {
        var count = 0;
        while (consumer.Received.TryTake(out var message))
        {
            if (message.Topic != Events)
                continue;
            var id = IdOf(message.Text);
            if (received.TryGetValue(id, out var before))
                Assert.Equal(before, message.Text);
            received[id] = message.Text;
            count++;
        }
        return count;
    }
}
