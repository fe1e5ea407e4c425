using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeController.MqttLink.Tests.Cluster;

/// <summary>
/// The platform's consumer on the cluster as docs/deployment.md asks for one: a fixed client id, clean session off and a
/// QoS 1 subscription to the piles' events, which the cluster keeps as a replicated quorum queue. When its node goes,
/// it comes back through another node with the same client id and finds its queue there.
/// </summary>
public sealed class ClusterSubscriber : IDisposable
{
    private readonly string _clientId = "platform-ledger-" + Guid.NewGuid().ToString("N")[..8];
    private IMqttClient _client;

    public ClusterSubscriber(RabbitNode node)
    {
        _client = Connect(node);
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("piles/+/events", MqttQualityOfServiceLevel.AtLeastOnce).Build())
            .GetAwaiter().GetResult();
    }

    /// <summary>Everything delivered to it, in order, duplicates included.</summary>
    public BlockingCollection<(string Topic, string Text)> Received { get; } = new();

    public bool Connected => _client.IsConnected;

    /// <summary>Connects again, through <paramref name="node"/>, to the session the cluster kept.</summary>
    public void ReconnectThrough(RabbitNode node)
    {
        _client.Dispose();
        _client = Connect(node);
    }

    public void Dispose() => _client.Dispose();

    private IMqttClient Connect(RabbitNode node)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", node.MqttPort).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(_clientId).WithCleanSession(false).WithTimeout(TimeSpan.FromSeconds(30))
            .WithCredentials(RabbitCluster.Platform, RabbitCluster.PasswordOf(RabbitCluster.Platform)).Build();
        client.ConnectAsync(options).GetAwaiter().GetResult();
        return client;
    }
}
