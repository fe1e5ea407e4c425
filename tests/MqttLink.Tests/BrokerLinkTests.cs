using System.Text;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.MqttLink.Tests;

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "mosquitto";
}

/// <summary>One mosquitto for the whole run; when it is not installed every test fails naming the install command.</summary>
public sealed class BrokerFixture : IDisposable
{
    private readonly Lazy<Mosquitto> _broker = new(() =>
    {
        Mosquitto.RequireInstalled();
        return new Mosquitto();
    });

    public Mosquitto Broker => _broker.Value;

    public void Dispose()
    {
        if (_broker.IsValueCreated)
            _broker.Value.Dispose();
    }
}

/// <summary>
/// The MQTTnet adapter of the link port against a real mosquitto: connect, retained status, the last will on a killed
/// connection, QoS 1 acknowledgements, subscriptions, refusals, TLS with a CA made by the test, and the per-pile ACL.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerLinkTests : IDisposable
{
    private const string Pile = "cc-0001";
    private const string OtherPile = "cc-0002";
    private static readonly string Status = "piles/" + Pile + "/status";
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("{\"v\":1,\"pile\":\"cc-0001\",\"online\":false}");

    private readonly Mosquitto _broker;
    private readonly List<IDisposable> _owned = new();

    public BrokerLinkTests(BrokerFixture fixture) => _broker = fixture.Broker;

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static LinkConnectOptions Options(string pile = Pile, string? password = null) => new()
    {
        ClientId = pile + "-" + Guid.NewGuid().ToString("N")[..8],
        Username = pile,
        Password = password ?? Mosquitto.PasswordOf(pile),
        KeepAliveS = 30,
        ConnectTimeoutMs = 5000,
        WillTopic = "piles/" + pile + "/status",
        WillPayload = Offline,
        WillCount = Offline.Length,
    };

    private (MqttnetBrokerLink Link, Heard Heard) Connected(BrokerEndpoint? endpoint = null, string pile = Pile)
    {
        var link = Own(new MqttnetBrokerLink(endpoint ?? new BrokerEndpoint("127.0.0.1", _broker.Port)));
        var heard = new Heard();
        link.Listen(heard);
        var status = link.Connect(Options(pile));
        Assert.True(status == LinkStatus.Ok, "connect: " + status + "\n" + _broker.Log);
        return (link, heard);
    }

    private static int Publish(IBrokerLink link, string topic, string text, LinkQos qos = LinkQos.AtLeastOnce, bool retain = false)
    {
        var bytes = Encoding.UTF8.GetBytes("xx" + text);
        Assert.Equal(LinkStatus.Ok, link.Publish(topic, bytes, 2, bytes.Length - 2, qos, retain, out var id));
        return id;
    }

    [Fact]
    public void TheStatusStaysRetainedForWhoeverSubscribesLater()
    {
        var (link, heard) = Connected();
        var id = Publish(link, Status, "{\"online\":true}", retain: true);
        Assert.Equal(id, Heard.Next(heard.Acknowledged, "PUBACK"));
        using var platform = new Platform(_broker);
        var retained = platform.Next(Status);
        Assert.Equal("{\"online\":true}", retained.Text);
        Assert.True(retained.Retained);
    }

    [Fact]
    public void AKilledConnectionBringsTheWillToSubscribersAndALostConnectionToThePile()
    {
        var proxy = Own(new SeverableTcpProxy("127.0.0.1", _broker.Port));
        var (link, heard) = Connected(new BrokerEndpoint("127.0.0.1", proxy.Port));
        Publish(link, Status, "{\"online\":true}", retain: true);
        Heard.Next(heard.Acknowledged, "PUBACK");
        using var platform = new Platform(_broker);
        Assert.Equal("{\"online\":true}", platform.Next(Status).Text);

        proxy.Cut();
        Assert.Equal(Encoding.UTF8.GetString(Offline), platform.Next(Status).Text);
        Assert.Contains(Heard.Next(heard.Lost, "lost connection"), new[] { LinkStatus.NetworkFailure, LinkStatus.Timeout });
        Assert.False(link.IsConnected);
        Assert.Equal(LinkStatus.NotConnected, link.Publish(Status, Offline, 0, 1, LinkQos.AtLeastOnce, false, out _));

        Assert.NotEqual(LinkStatus.Ok, link.Connect(Options())); // the network is still cut
        proxy.Restore();
        Assert.Equal(LinkStatus.Ok, link.Connect(Options()));
        using var later = new Platform(_broker);
        Assert.Equal(Encoding.UTF8.GetString(Offline), later.Next(Status).Text); // the will was retained
    }

    [Fact]
    public void ACleanDisconnectSendsNoWillAndIsNotALostConnection()
    {
        var (link, heard) = Connected(pile: OtherPile);
        using var platform = new Platform(_broker);
        link.Disconnect();
        Assert.False(platform.Hears("piles/" + OtherPile + "/status", 1500));
        Assert.Empty(heard.Lost);
    }

    [Fact]
    public void QosOnePublishesAreAcknowledgedByTheirIdsAndQosZeroIsNot()
    {
        var (link, heard) = Connected();
        using var platform = new Platform(_broker);
        Assert.Equal(0, Publish(link, "piles/" + Pile + "/telemetry", "{}", LinkQos.AtMostOnce));
        var ids = Enumerable.Range(0, 5).Select(i => Publish(link, "piles/" + Pile + "/events", "{\"seq\":" + i + "}")).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(0, ids);
        var acknowledged = Enumerable.Range(0, 5).Select(_ => Heard.Next(heard.Acknowledged, "PUBACK")).ToList();
        Assert.Equal(ids.Order(), acknowledged.Order());
        for (var i = 0; i < 5; i++)
            Assert.Equal("{\"seq\":" + i + "}", platform.Next("piles/" + Pile + "/events").Text);
        Assert.False(heard.Acknowledged.TryTake(out _, 300));
    }

    [Fact]
    public void ASubscribedPileReceivesItsCommands()
    {
        var (link, heard) = Connected();
        Assert.Equal(LinkStatus.Ok, link.Subscribe("piles/" + Pile + "/cmd", LinkQos.AtLeastOnce));
        using var platform = new Platform(_broker);
        platform.Send("piles/" + Pile + "/cmd", "{\"v\":1,\"id\":\"c1\",\"cmd\":\"stop\"}");
        var received = Heard.Next(heard.Received, "command");
        Assert.Equal(("piles/" + Pile + "/cmd", "{\"v\":1,\"id\":\"c1\",\"cmd\":\"stop\"}"), received);
    }

    [Fact]
    public void ACommandSentWhileThePileIsAwayIsNotKeptForItsNextConnection()
    {
        var settings = new LinkSettings { PileId = OtherPile, Username = OtherPile, Password = Mosquitto.PasswordOf(OtherPile) };
        var options = LinkSupervisor.ConnectOptions(settings, ConfigKeys.KeepAliveS.Default, "piles/" + OtherPile + "/status", Offline);
        var commands = "piles/" + OtherPile + "/cmd";
        var link = Own(new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", _broker.Port)));
        var heard = new Heard();
        link.Listen(heard);
        Assert.Equal(LinkStatus.Ok, link.Connect(options));
        Assert.Equal(LinkStatus.Ok, link.Subscribe(commands, LinkQos.AtLeastOnce));
        link.Disconnect();
        using var platform = new Platform(_broker);
        platform.Send(commands, "{\"v\":1,\"id\":\"while-away\",\"cmd\":\"stop\",\"ttlS\":60}");
        Assert.Equal(LinkStatus.Ok, link.Connect(options));
        Assert.Equal(LinkStatus.Ok, link.Subscribe(commands, LinkQos.AtLeastOnce));
        Assert.False(heard.Received.TryTake(out var late, 1500), "kept by the broker and delivered late: " + late);
        platform.Send(commands, "{\"v\":1,\"id\":\"again\",\"cmd\":\"stop\",\"ttlS\":60}");
        Assert.Contains("again", Heard.Next(heard.Received, "command").Text);
    }

    [Fact]
    public void APublishTheAclDeniesIsRefusedWithItsReasonNotAcknowledged()
    {
        var (link, heard) = Connected();
        using var platform = new Platform(_broker);
        var denied = Publish(link, "piles/" + OtherPile + "/events", "{\"seq\":\"not mine\"}"); // the ACL: only under its own root
        Assert.Equal((denied, 0x87), Heard.Next(heard.Refused, "the refusal (PUBACK 0x87)"));
        var allowed = Publish(link, "piles/" + Pile + "/events", "{\"seq\":\"mine\"}");
        Assert.Equal(allowed, Heard.Next(heard.Acknowledged, "PUBACK"));
        Assert.DoesNotContain(denied, heard.Acknowledged);
        Assert.Empty(heard.Refused);
        Assert.False(platform.Hears("piles/" + OtherPile + "/events", 500));
    }

    [Fact]
    public void RefusalsSayWhy()
    {
        var link = Own(new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", _broker.Port)));
        link.Listen(new Heard());
        Assert.Equal(LinkStatus.AuthenticationFailure, link.Connect(Options(password: "wrong")));
        Assert.False(link.IsConnected);

        var nobody = Own(new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", 1)));
        Assert.Equal(LinkStatus.NetworkFailure, nobody.Connect(Options()));

        var unknown = Own(new MqttnetBrokerLink(new BrokerEndpoint("broker.does-not-exist.invalid", 1883)));
        Assert.Equal(LinkStatus.DnsFailure, unknown.Connect(Options()));
    }

    [Fact]
    public void TlsWithTheCaMadeByTheTestConnectsAndAnotherCaIsRefused()
    {
        var (link, heard) = Connected(new BrokerEndpoint("127.0.0.1", _broker.TlsPort, _broker.Certificates.Ca));
        using var platform = new Platform(_broker);
        var id = Publish(link, "piles/" + Pile + "/events", "{\"over\":\"tls\"}");
        Assert.Equal(id, Heard.Next(heard.Acknowledged, "PUBACK over TLS"));
        Assert.Equal("{\"over\":\"tls\"}", platform.Next("piles/" + Pile + "/events").Text);

        var stranger = Own(new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", _broker.TlsPort, _broker.Certificates.OtherCa)));
        Assert.Equal(LinkStatus.TlsFailure, stranger.Connect(Options()));
    }

    [Fact]
    public void AQosOneEventQueuedForThePlatformSurvivesABrokerRestart()
    {
        using var store = new PersistentConsumer(_broker);
        store.Away();
        var (link, heard) = Connected();
        var status = Publish(link, Status, "{\"online\":true}", retain: true);
        var id = Publish(link, "piles/" + Pile + "/events", "{\"seq\":\"kept\"}");
        Assert.Equal(new[] { status, id }.Order(), new[] { Heard.Next(heard.Acknowledged, "PUBACK"), Heard.Next(heard.Acknowledged, "PUBACK") }.Order());

        _broker.Restart();
        Assert.Equal(("piles/" + Pile + "/events", "{\"seq\":\"kept\"}"), store.Back());
        using var platform = new Platform(_broker);
        Assert.True(platform.Next(Status).Retained, "the retained status did not survive the restart");
    }

    [Fact]
    public void ThroughARelayTheCertificateMustNameTheBrokerNotTheRelay()
    {
        var relay = Own(new SeverableTcpProxy("127.0.0.1", _broker.TlsPort));
        Connected(new BrokerEndpoint("127.0.0.1", relay.Port, _broker.Certificates.Ca, ServerName: "localhost"));
        var misnamed = Own(new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", relay.Port, _broker.Certificates.Ca, ServerName: "broker.elsewhere.example")));
        Assert.Equal(LinkStatus.TlsFailure, misnamed.Connect(Options()));
    }

    [Fact]
    public void TheListenerIsCalledOneCallAtATime()
    {
        var (link, _) = Connected();
        var listener = new Overlaps();
        link.Listen(listener);
        for (var i = 0; i < MqttnetBrokerLink.MaxInFlight; i++)
            Publish(link, "piles/" + Pile + "/events", "{\"seq\":" + i + "}");
        Assert.True(listener.AllCalled.Wait(Heard.WaitMs), "not every PUBACK came");
        Assert.Equal(0, listener.Overlapping);
    }

    /// <summary>A listener as slow as a careless one, counting the calls that began while another was still running.</summary>
    private sealed class Overlaps : ILinkListener
    {
        private int _inside;
        private int _calls;

        public CountdownEvent AllCalled { get; } = new(MqttnetBrokerLink.MaxInFlight);
        public int Overlapping { get; private set; }

        public void MessageReceived(string topic, byte[] payload, int offset, int count) => Call();
        public void PublishAcknowledged(int messageId) => Call();
        public void PublishRefused(int messageId, int reasonCode) => Call();
        public void ConnectionLost(LinkStatus reason) => Call();

        private void Call()
        {
            if (Interlocked.Increment(ref _inside) > 1)
                Overlapping++;
            Thread.Sleep(20);
            Interlocked.Decrement(ref _inside);
            if (Interlocked.Increment(ref _calls) <= MqttnetBrokerLink.MaxInFlight)
                AllCalled.Signal();
        }
    }

    [Fact]
    public void TheAclKeepsAPileInsideItsOwnRoot()
    {
        var (pile, heard) = Connected();
        var (other, otherHeard) = Connected(pile: OtherPile);
        using var platform = new Platform(_broker);

        Publish(pile, "piles/" + OtherPile + "/events", "{\"forged\":true}");
        Publish(pile, "piles/" + Pile + "/events", "{\"own\":true}");
        Assert.Equal("{\"own\":true}", platform.Next("piles/" + Pile + "/events").Text);
        Assert.False(platform.Hears("piles/" + OtherPile + "/events", 1000), "a pile published into another pile's root");

        Assert.Equal(LinkStatus.Ok, other.Subscribe("piles/" + OtherPile + "/cmd", LinkQos.AtLeastOnce));
        var snooping = pile.Subscribe("piles/" + OtherPile + "/cmd", LinkQos.AtLeastOnce);
        platform.Send("piles/" + OtherPile + "/cmd", "{\"cmd\":\"start\"}");
        Assert.Equal("{\"cmd\":\"start\"}", Heard.Next(otherHeard.Received, "the other pile's command").Text);
        Assert.False(heard.Received.TryTake(out _, 1000), "a pile read another pile's commands (subscribe said " + snooping + ")");

        var (_, spy) = Connected(pile: OtherPile);
        using var ownCommands = new Platform(_broker, OtherPile, "piles/" + Pile + "/#");
        platform.Send("piles/" + Pile + "/cmd", "{\"cmd\":\"stop\"}");
        Assert.False(ownCommands.Hears("piles/" + Pile + "/cmd", 1000), "a pile's wildcard read another pile's topics");
        Assert.Empty(spy.Received);
    }
}
