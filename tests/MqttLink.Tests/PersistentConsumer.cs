using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeController.MqttLink.Tests;

/// <summary>
/// A platform consumer as docs/deployment.md asks for one: a fixed client id, no clean session and a QoS 1 subscription
/// to the piles' events, so the broker queues events for it while it is away.
/// </summary>
public sealed class PersistentConsumer : IDisposable
{
    private readonly Mosquitto _broker;
    private readonly string _clientId = "platform-store-" + Guid.NewGuid().ToString("N")[..8];
    
    private IMqttClient _client;

    public PersistentConsumer(Mosquitto broker)
    {
        _broker = broker;
        _client = Connect();
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("piles/+/events", MqttQualityOfServiceLevel.AtLeastOnce).Build())
            .GetAwaiter().GetResult();
    }

    /// <summary>Everything the broker delivered to it, in order.</summary>
    public BlockingCollection<(string Topic, string Text)> Received { get; } = new();

    /// <summary>Leaves cleanly; the broker keeps its session and queues for it.</summary>
    public void Away()
    {
        _client.DisconnectAsync().GetAwaiter().GetResult();
        _client.Dispose();
    }

    /// <summary>Comes back to its session and takes the first message the broker kept for it.</summary>
    public (string Topic, string Text) Back()
    {
        _client = Connect();
        return Heard.Next(Received, "a queued event");
    }

    public void Dispose() => _client.Dispose();

    private IMqttClient Connect()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(_clientId).WithCleanSession(false).WithCredentials(Mosquitto.Platform, Mosquitto.PasswordOf(Mosquitto.Platform)).Build();
        client.ConnectAsync(options).GetAwaiter().GetResult();
        return client;
    }
}
