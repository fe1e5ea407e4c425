using System.Collections.Concurrent;
using System.Text;
using ChargeController.Hal;

namespace ChargeController.MqttLink.Tests;

/// <summary>A listener that keeps what the link reports and lets a test wait for it (real time, bounded).</summary>
public sealed class Heard : ILinkListener
{
    public const int WaitMs = 10_000;

    public BlockingCollection<int> Acknowledged { get; } = new();
    public BlockingCollection<LinkStatus> Lost { get; } = new();
    public BlockingCollection<(string Topic, string Text)> Received { get; } = new();

    public void MessageReceived(string topic, byte[] payload, int offset, int count) => Received.Add((topic, Encoding.UTF8.GetString(payload, offset, count)));
    public BlockingCollection<(int Id, int Reason)> Refused { get; } = new();
    public void PublishAcknowledged(int messageId) => Acknowledged.Add(messageId);
    public void PublishRefused(int messageId, int reasonCode) => Refused.Add((messageId, reasonCode));
    public void ConnectionLost(LinkStatus reason) => Lost.Add(reason);

    public static T Next<T>(BlockingCollection<T> from, string what)
    {
        if (!from.TryTake(out var item, WaitMs))
            throw new TimeoutException("no " + what + " within " + WaitMs + " ms");
        return item;
    }
}
