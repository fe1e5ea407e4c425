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
        /// The broker answered the QoS 1 publish that returned <paramref name="messageId"/> with a refusal: under MQTT 5 a
        /// PUBACK whose reason code is 0x80 or more (0x87 not authorized: its ACL denies the pile that topic). The message
        /// was not delivered. Under MQTT 3.1.1 a broker acknowledges a denied publish like any other, so an adapter on
        /// 3.1.1 never calls this.
        /// </summary>
        /// <param name="reasonCode">the PUBACK's reason code (0x80..0xFF)</param>
        void PublishRefused(int messageId, int reasonCode);

        /// <summary>
        /// The connection dropped without <see cref="IBrokerLink.Disconnect"/>: the network, the broker or the keepalive.
        /// Publishes not yet acknowledged may or may not have arrived; the outbox sends them again.
        /// </summary>
        void ConnectionLost(LinkStatus reason);
    }
}
