using ChargeController.Hal;
using Xunit;

namespace ChargeController.MqttLink.Tests;

/// <summary>
/// On the piles' listener of docs/deployment.md's broker a client id belongs to the user name that logged in: a pile
/// with valid credentials of its own cannot take over another pile's session by claiming its client id.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ClientIdTests : IDisposable
{
    private readonly Mosquitto _broker;
    private readonly List<MqttnetBrokerLink> _links = new();

    public ClientIdTests(BrokerFixture fixture) => _broker = fixture.Broker;

    public void Dispose()
    {
        foreach (var link in _links)
            link.Dispose();
    }

    [Fact]
    public void APileClaimingAnotherPilesClientIdDoesNotKnockItOffline()
    {
        var (pile, heard) = ConnectedOverTls(user: "cc-0003", clientId: "cc-0003");
        var before = _broker.Logged(@"as cc-0004 \(.*u'cc-0004'\)");

        var (_, _) = ConnectedOverTls(user: "cc-0004", clientId: "cc-0003");

        Assert.False(heard.Lost.TryTake(out var reason, 1500), "the pile was knocked offline (" + reason + "):\n" + _broker.Log);
        Assert.True(_broker.Logs(@"as cc-0004 \(.*u'cc-0004'\)", before), "the intruder got a client id other than its user name:\n" + _broker.Log);
        Assert.True(pile.IsConnected);
        using var platform = new Platform(_broker);
        var bytes = "{\"still\":\"here\"}"u8.ToArray();
        Assert.Equal(LinkStatus.Ok, pile.Publish("piles/cc-0003/events", bytes, 0, bytes.Length, LinkQos.AtLeastOnce, false, out _));
        Assert.Equal("{\"still\":\"here\"}", platform.Next("piles/cc-0003/events").Text);
    }

    private (MqttnetBrokerLink Link, Heard Heard) ConnectedOverTls(string user, string clientId)
    {
        var link = new MqttnetBrokerLink(new BrokerEndpoint("127.0.0.1", _broker.TlsPort, _broker.Certificates.Ca));
        _links.Add(link);
        var heard = new Heard();
        link.Listen(heard);
        var options = new LinkConnectOptions
        {
            ClientId = clientId, Username = user, Password = Mosquitto.PasswordOf(user), KeepAliveS = 30, ConnectTimeoutMs = 5000,
        };
        var status = link.Connect(options);
        Assert.True(status == LinkStatus.Ok, user + " as " + clientId + ": " + status + "\n" + _broker.Log);
        return (link, heard);
    }
}
