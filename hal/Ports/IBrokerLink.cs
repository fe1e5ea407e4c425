namespace ChargeController.Hal
{
    /// <summary>
    /// The pile's connection to the platform's MQTT broker, as narrow as the outbox and the link supervisor need: connect
    /// (with a last will), publish bytes, subscribe, and four things the broker tells back (<see cref="ILinkListener"/>).
    /// Broker address, TLS trust and client certificate belong to the adapter, chosen when it is built.
    /// Every call may block on the network for up to the connect timeout, so only the link thread calls it, never the
    /// control thread. The adapter calls the listener on a thread of its own: the listener hands over, it never works there.
    /// </summary>
    public interface IBrokerLink
    {
        /// <summary>The listener for received messages, acknowledgements and a lost connection; set once before connecting.</summary>
        void Listen(ILinkListener listener);

        /// <summary>
        /// Opens a session with the broker, giving up after <see cref="LinkConnectOptions.ConnectTimeoutMs"/>. A link that
        /// is already connected is closed first, so no half-open state can stick.
        /// </summary>
        /// <returns><see cref="LinkStatus.Ok"/>, or why not</returns>
        LinkStatus Connect(LinkConnectOptions options);

        bool IsConnected { get; }

        /// <summary>
        /// Sends <paramref name="count"/> bytes of <paramref name="payload"/> from <paramref name="offset"/>; the bytes are
        /// copied before it returns, so the caller may reuse its buffer. For QoS 1 the broker's acknowledgement arrives
        /// later through <see cref="ILinkListener.PublishAcknowledged"/> with <paramref name="messageId"/>, or its refusal
        /// through <see cref="ILinkListener.PublishRefused"/>.
        /// </summary>
        /// <param name="messageId">a number (1..65535) naming this publish among those in flight; 0 for QoS 0</param>
        /// <returns><see cref="LinkStatus.Ok"/> when handed to the connection; <see cref="LinkStatus.NotConnected"/> or
        /// <see cref="LinkStatus.Busy"/> (too many in flight) otherwise: then nothing was sent</returns>
        LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId);

        /// <summary>Subscribes to a topic filter; returns once the broker has granted it, or why not.</summary>
        LinkStatus Subscribe(string topicFilter, LinkQos qos);

        /// <summary>Closes the session cleanly (the broker does not send the will). Not reported as a lost connection.</summary>
        void Disconnect();
    }
}
