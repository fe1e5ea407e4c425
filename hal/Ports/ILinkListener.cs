namespace ChargeController.Hal
{
    /// <summary>
    /// What the broker tells the pile, called on the adapter's own thread (M2Mqtt's dispatch thread on the device, the
    /// simulated broker's step in the simulator). Implementations copy what they need into a bounded preallocated ring
    /// for the link thread and return at once.
    /// </summary>
    public interface ILinkListener
    {
        /// <summary>A message on a subscribed topic. The payload is only valid during the call.</summary>
        void MessageReceived(string topic, byte[] payload, int offset, int count);

        /// <summary>The broker acknowledged (PUBACK) the QoS 1 publish that returned <paramref name="messageId"/>.</summary>
        void PublishAcknowledged(int messageId);

        /// <summary>
        /// The connection dropped without <see cref="IBrokerLink.Disconnect"/>: the network, the broker or the keepalive.
        /// Publishes not yet acknowledged may or may not have arrived; the outbox sends them again.
        /// </summary>
        void ConnectionLost(LinkStatus reason);
    }
}
