using System.Text;
using ChargeController.Firmware.Config;
using ChargeController.Hal;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// The simulated pile on a real mosquitto through PileSim's relayed link: `link down` in a scenario severs the real
/// connection (the broker publishes the will), and what MQTTnet reports reaches the pile only on the scheduler's thread,
/// at the virtual time it belongs to. The test connects and publishes where the pile's link thread (issue 11) will.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayedBrokerLinkTests : IDisposable
{
    private const string Pile = "cc-0003";
    private const string Status = "piles/" + Pile + "/status";
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("{\"v\":1,\"pile\":\"cc-0003\",\"online\":false}");

    private readonly Mosquitto _broker;
    private readonly RelayedBrokerLink _link;
    private readonly SimulatedPile _pile;
    private readonly OnTheScheduler _heard;

    public RelayedBrokerLinkTests(BrokerFixture fixture)
    {
        _broker = fixture.Broker;
        _link = new RelayedBrokerLink(new BrokerEndpoint("127.0.0.1", _broker.Port), Pile, Mosquitto.PasswordOf(Pile));
        _pile = new SimulatedPile(new PileConfig(), new NoTrace(), null, _link, _link);
        _heard = new OnTheScheduler(_pile);
        _link.Listen(_heard);
    }

    public void Dispose()
    {
        _link.Dispose();
        using var platform = new Platform(_broker);
        platform.Send(Status, "", retain: true); // no retained will left for the other tests
    }

    private static LinkConnectOptions Options() => new()
    {
        ClientId = Pile, Username = "replaced by the link's", Password = "likewise", KeepAliveS = 60,
        WillTopic = Status, WillPayload = Offline, WillCount = Offline.Length,
    };

    private int Publish(string topic, string text, bool retain = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(LinkStatus.Ok, _pile.BrokerLink.Publish(topic, bytes, 0, bytes.Length, LinkQos.AtLeastOnce, retain, out var id));
        return id;
    }

    [Fact]
    public void LinkDownInAScenarioSeversTheRealConnectionAndTheBrokerPublishesTheWill()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Publish(Status, "{\"online\":true}", retain: true);
        using var platform = new Platform(_broker);
        Assert.Equal("{\"online\":true}", platform.Next(Status).Text);

        var steps = ScenarioParser.Parse("0s plug 16A\n10s link down\n20s link up\n25s end\n").Steps;
        Assert.Null(ScenarioRunner.Run(_pile, steps));

        var will = platform.Next(Status);
        Assert.Equal(Encoding.UTF8.GetString(Offline), will.Text);
        using var later = new Platform(_broker);
        Assert.True(later.Next(Status).Retained, "the will was not retained");
        var lost = Assert.Single(_heard.Calls, c => c.What.StartsWith("lost"));
        Assert.InRange(lost.AtMs, 10_000, 10_010); // at the virtual time of the cut, not later
        Assert.False(_link.IsConnected);
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options())); // the network is back
        Assert.All(_heard.Calls, c => Assert.True(c.OnScheduler, c.What + " reached the pile on another thread"));
    }

    [Fact]
    public void ThePileHearsOfACutAtTheTickOfTheCut()
    {
        _pile.Start();
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        _pile.AdvanceTo(1000);
        _pile.Apply(ScenarioParser.ParseCommand("link down", 1000, out _)!);
        _pile.AdvanceTo(1010);
        Assert.Equal((LinkStatus.NetworkFailure, 1010L), (Enum.Parse<LinkStatus>(Assert.Single(_heard.Calls).What[5..]), _heard.Calls[0].AtMs));
        _pile.Apply(ScenarioParser.ParseCommand("link up", 1020, out _)!);
    }

    [Fact]
    public void AnAcknowledgementReachesThePileOnItsThreadWithinATick()
    {
        _pile.Start();
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        for (var i = 0; i < 20; i++)
        {
            var id = Publish("piles/" + Pile + "/events", "{\"seq\":" + i + "}");
            _pile.AdvanceTo(_pile.NowMs + 10);
            Assert.Equal("ack " + id, _heard.Calls[^1].What);
            Assert.True(_heard.Calls[^1].OnScheduler);
        }
        _link.Disconnect();
    }

    [Fact]
    public void ACommandReachesThePileOnItsThreadAndNotBefore()
    {
        _pile.Start();
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Assert.Equal(LinkStatus.Ok, _pile.BrokerLink.Subscribe("piles/" + Pile + "/cmd", LinkQos.AtLeastOnce));
        using var platform = new Platform(_broker);
        platform.Send("piles/" + Pile + "/cmd", "{\"cmd\":\"stop\"}");
        Thread.Sleep(300);
        Assert.Empty(_heard.Calls); // it came, and waits for the scheduler
        _pile.AdvanceTo(_pile.NowMs + 10);
        var command = Assert.Single(_heard.Calls);
        Assert.Equal("received piles/" + Pile + "/cmd {\"cmd\":\"stop\"}", command.What);
        Assert.True(command.OnScheduler);
        _link.Disconnect();
    }

    /// <summary>What the link told the pile, when on virtual time, and whether on the thread that runs the pile.</summary>
    private sealed class OnTheScheduler(SimulatedPile pile) : ILinkListener
    {
        private readonly int _scheduler = Environment.CurrentManagedThreadId;

        public List<(string What, long AtMs, bool OnScheduler)> Calls { get; } = new();

        public void MessageReceived(string topic, byte[] payload, int offset, int count) =>
            Add("received " + topic + " " + Encoding.UTF8.GetString(payload, offset, count));
        public void PublishAcknowledged(int messageId) => Add("ack " + messageId);
        public void ConnectionLost(LinkStatus reason) => Add("lost " + reason);

        private void Add(string what) => Calls.Add((what, pile.NowMs, Environment.CurrentManagedThreadId == _scheduler));
    }
}
