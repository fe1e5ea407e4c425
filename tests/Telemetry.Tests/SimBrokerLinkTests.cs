using System.Text;
using ChargeController.Firmware.Config;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Sim.Board;
using ChargeController.Sim.Link;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>The simulated broker link on virtual time: latency, acknowledgements, a dropped network, the will, refusals.</summary>
public class SimBrokerLinkTests
{
    private const string Status = "piles/cc-0001/status";
    private const string Events = "piles/cc-0001/events";
    private const string Cmd = "piles/cc-0001/cmd";
    private static readonly byte[] Will = Encoding.UTF8.GetBytes("{\"v\":1,\"pile\":\"cc-0001\",\"online\":false}");

    private readonly VirtualClock _clock = new();
    private readonly SimBrokerLink _link;
    private readonly Recorder _heard = new();

    public SimBrokerLinkTests()
    {
        _link = new SimBrokerLink(_clock, new SimBroker(16, 4, 256), 256);
        _link.Listen(_heard);
    }

    private static LinkConnectOptions Options() => new()
    {
        ClientId = "cc-0001", KeepAliveS = 60, WillTopic = Status, WillPayload = Will, WillCount = Will.Length,
    };

    private void RunTo(long ms)
    {
        for (var t = _clock.NowMs; t <= ms; t += 10)
        {
            _clock.AdvanceTo(t);
            _link.Step();
        }
    }

    private int Publish(string topic, string text, LinkQos qos = LinkQos.AtLeastOnce, bool retain = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(LinkStatus.Ok, _link.Publish(topic, bytes, 0, bytes.Length, qos, retain, out var id));
        return id;
    }

    private string Text(SimMessage m) => Encoding.UTF8.GetString(m.Payload, 0, m.Count);

    [Fact]
    public void APublishArrivesAfterTheLatencyAndIsAcknowledgedAfterTheRoundTrip()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        var id = Publish(Events, "e1");
        Assert.NotEqual(0, id);
        RunTo(SimBrokerLink.DefaultLatencyMs - 10);
        Assert.Equal(0, _link.Broker.Received);
        RunTo(SimBrokerLink.DefaultLatencyMs);
        Assert.Equal("e1", Text(_link.Broker.Logged(0)));
        Assert.Empty(_heard.Acknowledged);
        RunTo(2 * SimBrokerLink.DefaultLatencyMs);
        Assert.Equal(new[] { id }, _heard.Acknowledged);
    }

    [Fact]
    public void QosZeroIsNeverAcknowledgedAndRetainedMessagesAreKept()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Assert.Equal(0, Publish("piles/cc-0001/telemetry", "t", LinkQos.AtMostOnce));
        Publish(Status, "online-1", retain: true);
        Publish(Status, "online-2", retain: true);
        RunTo(1000);
        Assert.Equal("online-2", Text(_link.Broker.RetainedOf(Status)!));
        Assert.Equal(2, _heard.Acknowledged.Count); // the two QoS 1 status messages, not the telemetry
        Assert.Null(_link.Broker.RetainedOf("piles/cc-0001/telemetry"));
    }

    [Fact]
    public void ADroppedNetworkLosesWhatIsInTransitTheAcknowledgementsAndThenTheConnection()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Publish(Events, "arrives-unacknowledged");
        RunTo(SimBrokerLink.DefaultLatencyMs + 50); // arrived, acknowledgement on its way
        _link.SetNetwork(false);
        Assert.Equal(LinkStatus.Ok, _link.Publish(Events, new byte[1], 0, 1, LinkQos.AtLeastOnce, false, out _)); // the pile cannot tell yet
        RunTo(59_990);
        Assert.Empty(_heard.Lost);
        Assert.True(_link.IsConnected);
        RunTo(60_200); // one keepalive after the drop
        Assert.Equal(new[] { LinkStatus.Timeout }, _heard.Lost);
        Assert.False(_link.IsConnected);
        Assert.Empty(_heard.Acknowledged);
        Assert.Equal(1, _link.Broker.Received); // the message sent into the dead network never arrived
        Assert.Equal(LinkStatus.NotConnected, _link.Publish(Events, new byte[1], 0, 1, LinkQos.AtLeastOnce, false, out _));
        Assert.Equal(LinkStatus.Timeout, _link.Connect(Options()));
    }

    [Fact]
    public void TheBrokerPublishesTheWillOneAndAHalfKeepalivesAfterTheDropUnlessThePileIsBack()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Publish(Status, "online", retain: true);
        RunTo(1000);
        _link.SetNetwork(false);
        RunTo(1000 + 89_990);
        Assert.Equal("online", Text(_link.Broker.RetainedOf(Status)!));
        RunTo(1000 + 90_000);
        Assert.Equal(Will, _link.Broker.RetainedOf(Status)!.Payload.Take(Will.Length));

        _link.SetNetwork(true);
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        _link.SetNetwork(false);
        RunTo(_clock.NowMs + 70_000);
        _link.SetNetwork(true);
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options())); // back before the broker gave up: no will this time
        var received = _link.Broker.Received;
        RunTo(_clock.NowMs + 60_000);
        Assert.Equal(received, _link.Broker.Received);
    }

    [Fact]
    public void AConnectionCutByTheNetworkStaysDeadWhenTheNetworkReturns()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        _link.SetNetwork(false);
        RunTo(1000);
        _link.SetNetwork(true);
        Publish(Events, "into a dead connection");
        RunTo(60_000);
        Assert.Equal(0, _link.Broker.Received);
        Assert.Single(_heard.Lost);
    }

    [Fact]
    public void RefusalsAreReturnedFromConnect()
    {
        foreach (var refusal in new[] { LinkStatus.DnsFailure, LinkStatus.TlsFailure, LinkStatus.AuthenticationFailure })
        {
            _link.RefuseWith = refusal;
            Assert.Equal(refusal, _link.Connect(Options()));
            Assert.False(_link.IsConnected);
        }
        _link.RefuseWith = LinkStatus.Ok;
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Assert.Equal(4, _link.ConnectAttempts);
    }

    [Fact]
    public void TooManyInFlightIsBusyUntilAnAcknowledgement()
    {
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        for (var i = 0; i < _link.InFlightLimit; i++)
            Publish(Events, "e" + i);
        Assert.Equal(LinkStatus.Busy, _link.Publish(Events, new byte[1], 0, 1, LinkQos.AtLeastOnce, false, out var none));
        Assert.Equal(0, none);
        RunTo(2 * SimBrokerLink.DefaultLatencyMs);
        Assert.Equal(_link.InFlightLimit, _heard.Acknowledged.Count);
        Publish(Events, "after");
    }

    [Fact]
    public void InjectedCommandsReachOnlyASubscribedConnectedPile()
    {
        var command = Encoding.UTF8.GetBytes("{\"v\":1}");
        Assert.False(_link.Inject(Cmd, command, command.Length));
        Assert.Equal(LinkStatus.Ok, _link.Connect(Options()));
        Assert.False(_link.Inject(Cmd, command, command.Length));
        Assert.Equal(LinkStatus.Ok, _link.Subscribe(Cmd, LinkQos.AtLeastOnce));
        Assert.True(_link.Inject(Cmd, command, command.Length));
        Assert.Equal(new[] { Cmd + " {\"v\":1}" }, _heard.Received);
        _link.Disconnect();
        Assert.False(_link.Inject(Cmd, command, command.Length));
        Assert.Empty(_heard.Lost); // a clean disconnect is not a lost connection
    }

    [Fact]
    public void TheLinkVerbsOfTheScenariosCutAndRestoreTheNetworkEvenWithThePowerOff()
    {
        var pile = new SimulatedPile(new PileConfig(), new Discard());
        pile.Start();
        pile.Apply(ScenarioParser.ParseCommand("link down", 10, out _)!);
        Assert.False(pile.Link.NetworkUp);
        pile.Apply(ScenarioParser.ParseCommand("power cut", 20, out _)!);
        pile.Apply(ScenarioParser.ParseCommand("link up", 30, out _)!);
        Assert.True(pile.Link.NetworkUp);
    }

    [Fact]
    public void AGivenLinkIsSteppedEveryTickAndCutAndRestoredThroughItsNetworkPath()
    {
        var path = new CountingPath();
        var pile = new SimulatedPile(new PileConfig(), new Discard(), null, path, path);
        Assert.Null(pile.Link);
        Assert.Same(path, pile.BrokerLink);
        pile.Start();
        Assert.Equal(1, path.DevicesLost); // a boot: whatever connection there was is gone
        pile.AdvanceTo(990);
        Assert.Equal(100, path.Steps);
        pile.Apply(ScenarioParser.ParseCommand("link down", 1000, out _)!);
        Assert.Equal(new[] { false }, path.Settings);
        pile.Apply(ScenarioParser.ParseCommand("link up", 2000, out _)!);
        Assert.Equal(new[] { false, true }, path.Settings);
        Assert.Throws<ArgumentException>(() => new SimulatedPile(new PileConfig(), new Discard(), null, path));
    }

    /// <summary>A network path with a link behind it that only counts what the pile does with it.</summary>
    private sealed class CountingPath : INetworkPath, IBrokerLink
    {
        public int Steps { get; private set; }
        public List<bool> Settings { get; } = new();
        public bool NetworkUp { get; private set; } = true;
        public bool IsConnected => false;

        public void SetNetwork(bool up)
        {
            NetworkUp = up;
            Settings.Add(up);
        }

        public void Step() => Steps++;
        public int DevicesLost { get; private set; }
        public void DeviceLost() => DevicesLost++;
        public void Listen(ILinkListener listener) { }
        public LinkStatus Connect(LinkConnectOptions options) => LinkStatus.NetworkFailure;
        public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
        {
            messageId = 0;
            return LinkStatus.NotConnected;
        }
        public LinkStatus Subscribe(string topicFilter, LinkQos qos) => LinkStatus.NotConnected;
        public void Disconnect() { }
    }

    private sealed class Discard : IEventWriter
    {
        public void Write(ChargeController.Firmware.Events.PileEvent e) { }
    }

    private sealed class Recorder : ILinkListener
    {
        public List<int> Acknowledged { get; } = new();
        public List<LinkStatus> Lost { get; } = new();
        public List<string> Received { get; } = new();
        public void MessageReceived(string topic, byte[] payload, int offset, int count) => Received.Add(topic + " " + Encoding.UTF8.GetString(payload, offset, count));
        public void PublishAcknowledged(int messageId) => Acknowledged.Add(messageId);
        public List<(int Id, int Reason)> Refused { get; } = new();
        public void PublishRefused(int messageId, int reasonCode) => Refused.Add((messageId, reasonCode));
        public void ConnectionLost(LinkStatus reason) => Lost.Add(reason);
    }
}
