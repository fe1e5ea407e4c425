using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeController.MqttLink.Tests;

/// <summary>The operations platform in the tests: a plain MQTTnet client that subscribes to every pile and can send commands.</summary>
public sealed class Platform : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public Platform(Mosquitto broker, string user = Mosquitto.Platform, string topics = "piles/#")
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Messages.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(user + "-observer-" + Guid.NewGuid().ToString("N")[..8]).WithCredentials(user, Mosquitto.PasswordOf(user)).Build();
        _client.ConnectAsync(options).GetAwaiter().GetResult();
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topics, MqttQualityOfServiceLevel.AtLeastOnce).Build())
            .GetAwaiter().GetResult();
    }

    public BlockingCollection<(string Topic, string Text, bool Retained)> Messages { get; } = new();

    /// <param name="retain">retained; an empty retained message clears the topic's</param>
    public void Send(string topic, string text, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(text))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build()).GetAwaiter().GetResult();

    /// <summary>The next message on <paramref name="topic"/> (others are skipped), or a timeout.</summary>
    public (string Topic, string Text, bool Retained) Next(string topic, int waitMs = Heard.WaitMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(waitMs);
        while (true)
        {
            var left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0 || !Messages.TryTake(out var message, left))
                throw new TimeoutException("nothing on " + topic + " within " + waitMs + " ms");
            if (message.Topic == topic)
                return message;
        }
    }

    /// <summary>Whether anything arrives on <paramref name="topic"/> within <paramref name="waitMs"/>.</summary>
    public bool Hears(string topic, int waitMs)
    {
        try
        {
            Next(topic, waitMs);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _client.DisconnectAsync().GetAwaiter().GetResult();
        _client.Dispose();
    }
}
