using System.Text;
using System.Text.RegularExpressions;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The simulated pile on a real mosquitto through PileSim's relayed link, driven by its own network thread (the link
/// supervisor connects, subscribes and publishes): `link down` in a scenario severs the real connection (the broker
/// publishes the will) and the pile reconnects after `link up`; what MQTTnet reports reaches the pile's listener only on
/// the scheduler's thread, at the virtual time it belongs to. A spy between the pile and the link records what passes.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayedBrokerLinkTests : IDisposable
{
    private const string Pile = "cc-0003";
    private const string Status = "piles/" + Pile + "/status";
    private const string Commands = "piles/" + Pile + "/cmd";

    private readonly Mosquitto _broker;
    private readonly RelayedBrokerLink _link;
    private readonly Spied _spied;
    private readonly TraceLines _trace = new();
    private readonly SimulatedPile _pile;

    public RelayedBrokerLinkTests(BrokerFixture fixture)
    {
        _broker = fixture.Broker;
        _link = new RelayedBrokerLink(new[] { new BrokerEndpoint("127.0.0.1", _broker.Port) }, Pile, Mosquitto.PasswordOf(Pile));
        _spied = new Spied(_link);
        var settings = new LinkSettings { PileId = Pile, Username = "replaced by the link's", Password = "likewise" };
        _pile = new SimulatedPile(new PileConfig(), new JsonTraceWriter(_trace), null, _spied, _spied, settings);
        _spied.Clock = () => _pile.NowMs;
    }

    public void Dispose()
    {
        _link.Dispose();
        using var platform = new Platform(_broker);
        platform.Send(Status, "", retain: true); // no retained status left for the other tests
    }

    /// <summary>The trace's link lines, as "t up reason".</summary>
    private List<string> LinkLines() => _trace.All.Select(l => Regex.Match(l, "^\\{\"t\":(\\d+),\"ev\":\"link\",\"up\":(\\w+),\"reason\":\"(\\w+)\"\\}$"))
        .Where(m => m.Success).Select(m => m.Groups[1].Value + " " + m.Groups[2].Value + " " + m.Groups[3].Value).ToList();

    [Fact]
    public void LinkDownInAScenarioSeversTheRealConnectionAndTheBrokerPublishesTheWill()
    {
        using var platform = new Platform(_broker, topics: Status);
        var steps = ScenarioParser.Parse("0s plug 16A\n10s link down\n20s link up\n40s end\n").Steps;
        _pile.Start();
        _pile.AdvanceTo(5_000);
        var online = platform.Next(Status);
        Assert.True(JsonOf(online.Text).GetProperty("online").GetBoolean(), online.Text);

        _pile.Apply(steps[1]);
        var will = NextOffline(platform);
        Assert.Equal("{\"v\":1,\"pile\":\"cc-0003\",\"online\":false}", will.Text); // the pile's own will
        _pile.AdvanceTo(15_000);
        using (var later = new Platform(_broker, topics: Status))
            Assert.True(later.Next(Status) is { Retained: true, Text: var kept } && kept == will.Text, "the will was not retained");
        var lost = Assert.Single(_spied.Heard, c => c.What.StartsWith("lost"));
        Assert.InRange(lost.AtMs, 10_000, 10_010); // at the virtual time of the cut, not later
        Assert.Equal(new[] { "0 true connected", lost.AtMs + " false lost" }, LinkLines());

        _pile.Apply(steps[2]);
        _pile.AdvanceTo(40_000);
        var back = LinkLines()[^1].Split(' ');
        Assert.Equal(("true", "connected"), (back[1], back[2])); // reconnected on its backoff, by itself
        Assert.InRange(long.Parse(back[0]), 20_000, 40_000);
        Assert.True(JsonOf(platform.Next(Status).Text).GetProperty("online").GetBoolean(), "no online status after the reconnect");
        Assert.True(_link.IsConnected);
        Assert.All(_spied.Heard, c => Assert.True(c.OnScheduler, c.What + " reached the pile on another thread"));
    }

    /// <summary>The next offline status, past the online ones still on their way (a drained backlog's).</summary>
    private static (string Topic, string Text, bool Retained) NextOffline(Platform platform)
    {
        for (var i = 0; i < 4; i++)
        {
            var status = platform.Next(Status);
            if (!JsonOf(status.Text).GetProperty("online").GetBoolean())
                return status;
        }
        throw new Xunit.Sdk.XunitException("no offline status");
    }

    [Fact]
    public void ThePileHearsOfACutAtTheTickOfTheCut()
    {
        _pile.Start();
        _pile.AdvanceTo(1000);
        Assert.True(_link.IsConnected, "the pile's network thread did not connect");
        _pile.Apply(ScenarioParser.ParseCommand("link down", 1000, out _)!);
        _pile.AdvanceTo(1010);
        var lost = Assert.Single(_spied.Heard, c => c.What.StartsWith("lost"));
        Assert.Equal(("lost NetworkFailure", 1010L), (lost.What, lost.AtMs));
        Assert.Equal("1010 false lost", LinkLines()[^1]);
        _pile.Apply(ScenarioParser.ParseCommand("link up", 1020, out _)!);
    }

    [Fact]
    public void APowerCutVanishesFromTheBrokerAndTheNextBootStartsClean()
    {
        using var platform = new Platform(_broker, topics: Status);
        _pile.Start();
        _pile.AdvanceTo(1000);
        Assert.True(JsonOf(platform.Next(Status).Text).GetProperty("online").GetBoolean());
        _pile.Apply(ScenarioParser.ParseCommand("power cut", 1000, out _)!);
        Assert.Equal("{\"v\":1,\"pile\":\"cc-0003\",\"online\":false}", NextOffline(platform).Text); // no clean disconnect: the will
        _pile.AdvanceTo(2000);
        _pile.Apply(ScenarioParser.ParseCommand("power restore", 2000, out _)!);
        _pile.AdvanceTo(3000);
        var online = JsonOf(platform.Next(Status).Text);
        Assert.Equal((true, 2), (online.GetProperty("online").GetBoolean(), online.GetProperty("boot").GetProperty("number").GetInt32()));
        // the old connection's loss never reached the new boot: it connected at its first tick, without a lost line or a backoff
        Assert.DoesNotContain(_spied.Heard, c => c.What.StartsWith("lost"));
        Assert.Equal(new[] { "0 true connected", "2010 true connected" }, LinkLines());
    }

    [Fact]
    public void AnUnrelayedLinkGoesStraightToTheBrokerCountsNothingAndCannotBeCut()
    {
        _pile.Start();
        _pile.AdvanceTo(1000);
        Assert.True(_link.Traffic.BytesSent > 0, "the relayed link counts its connection");

        const string other = "cc-0004";
        using var direct = new RelayedBrokerLink(new[] { new BrokerEndpoint("127.0.0.1", _broker.Port) }, other, Mosquitto.PasswordOf(other), severable: false);
        var pile = new SimulatedPile(new PileConfig(), new JsonTraceWriter(new TraceLines()), null, direct, direct, new LinkSettings { PileId = other });
        pile.Start();
        pile.AdvanceTo(1000);
        Assert.True(direct.IsConnected, "the unrelayed link did not connect");
        Assert.Equal(default, direct.Traffic);
        Assert.Contains("cannot be cut", Assert.Throws<InvalidOperationException>(() => direct.SetNetwork(false)).Message);
        Assert.True(direct.IsConnected);
        // a power cut (a reboot) leaves the broker cleanly; the next boot connects again
        Assert.Null(pile.Apply(ScenarioParser.ParseCommand("power cut", 1000, out _)!));
        Assert.False(direct.IsConnected);
        pile.AdvanceTo(2000);
        Assert.Null(pile.Apply(ScenarioParser.ParseCommand("power restore", 2000, out _)!));
        pile.AdvanceTo(3000);
        Assert.True(direct.IsConnected, "the next boot did not connect");
        direct.Disconnect();
        using var platform = new Platform(_broker);
        platform.Send("piles/" + other + "/status", "", retain: true); // no retained status left for the other tests
    }

    [Fact]
    public void AnAcknowledgementReachesThePileOnItsThreadWithinATick()
    {
        var steps = ScenarioParser.Parse("0s plug 16A\n1s ev ready\n20s ev pause\n25s unplug\n30s end\n").Steps;
        Assert.Null(ScenarioRunner.Run(_pile, steps));
        Assert.True(_spied.Sent.Count >= 8, "the pile published " + _spied.Sent.Count + " QoS 1 messages");
        foreach (var (id, sentMs) in _spied.Sent)
        {
            var ack = Assert.Single(_spied.Heard, c => c.What == "ack " + id && c.AtMs >= sentMs);
            Assert.InRange(ack.AtMs, sentMs + 10, sentMs + 10); // the next tick's
            Assert.True(ack.OnScheduler);
        }
        Assert.Equal(0, _pile.Runtime.Outbox!.Pending);
    }

    [Fact]
    public void ACommandReachesThePileOnItsThreadAndNotBefore()
    {
        _pile.Start();
        _pile.AdvanceTo(1000); // connected and subscribed by the pile's network thread
        using var platform = new Platform(_broker, topics: Commands + "/result");
        var acknowledged = _broker.Logged("Received PUBACK from " + Pile + " ");
        const string command = "{\"v\":1,\"id\":\"r1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}";
        platform.Send(Commands, command);
        // the adapter took it (and acknowledged it to the broker), and it waits for the scheduler
        Assert.True(_broker.Logs("Received PUBACK from " + Pile + " ", acknowledged), _broker.Log);
        Assert.DoesNotContain(_spied.Heard, c => c.What.StartsWith("received " + Commands + " ")); // the probe's echo came long before
        _pile.AdvanceTo(1010);
        var received = Assert.Single(_spied.Heard, c => c.What.StartsWith("received " + Commands + " "));
        Assert.Equal(("received " + Commands + " " + command, 1010L, true), received);
        _pile.AdvanceTo(1100);
        var result = JsonOf(platform.Next(Commands + "/result").Text);
        Assert.Equal(("r1", "Accepted"), (result.GetProperty("id").GetString(), result.GetProperty("status").GetString()));
    }

    private static System.Text.Json.JsonElement JsonOf(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement;

    /// <summary>
    /// The relayed link as the pile uses it, recording the pile's QoS 1 publishes and what the link tells the pile's own
    /// listener: when on virtual time, and whether on the thread that runs the pile.
    /// </summary>
    private sealed class Spied(RelayedBrokerLink link) : IBrokerLink, INetworkPath
    {
        private readonly int _scheduler = Environment.CurrentManagedThreadId;

        public Func<long> Clock { get; set; } = () => -1;
        public List<(string What, long AtMs, bool OnScheduler)> Heard { get; } = new();
        public List<(int Id, long AtMs)> Sent { get; } = new();

        public void Listen(ILinkListener listener) => link.Listen(new Recording(this, listener));
        public LinkStatus Connect(LinkConnectOptions options) => link.Connect(options);
        public bool IsConnected => link.IsConnected;
        public LinkStatus Subscribe(string topicFilter, LinkQos qos) => link.Subscribe(topicFilter, qos);
        public void Disconnect() => link.Disconnect();

        public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
        {
            var status = link.Publish(topic, payload, offset, count, qos, retain, out messageId);
            if (status == LinkStatus.Ok && qos == LinkQos.AtLeastOnce)
                lock (Sent)
                    Sent.Add((messageId, Clock()));
            return status;
        }

        public bool NetworkUp => link.NetworkUp;
        public void SetNetwork(bool up) => link.SetNetwork(up);
        public void DeviceLost() => link.DeviceLost();
        public void Step() => link.Step();

        private void Add(string what)
        {
            lock (Heard)
                Heard.Add((what, Clock(), Environment.CurrentManagedThreadId == _scheduler));
        }

        private sealed class Recording(Spied spy, ILinkListener pile) : ILinkListener
        {
            public void MessageReceived(string topic, byte[] payload, int offset, int count)
            {
                spy.Add("received " + topic + " " + Encoding.UTF8.GetString(payload, offset, count));
                pile.MessageReceived(topic, payload, offset, count);
            }

            public void PublishAcknowledged(int messageId)
            {
                spy.Add("ack " + messageId);
                pile.PublishAcknowledged(messageId);
            }

            public void PublishRefused(int messageId, int reasonCode)
            {
                spy.Add("refused " + messageId + " " + reasonCode);
                pile.PublishRefused(messageId, reasonCode);
            }

            public void ConnectionLost(LinkStatus reason)
            {
                spy.Add("lost " + reason);
                pile.ConnectionLost(reason);
            }
        }
    }
}
