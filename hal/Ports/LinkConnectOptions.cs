namespace ChargeController.Hal
{
    /// <summary>
    /// The MQTT session the pile asks for. Built once at start-up (the will payload included) and reused for every
    /// reconnect, so reconnecting allocates nothing on the pile's side.
    /// </summary>
    public sealed class LinkConnectOptions
    {
        public string ClientId;
        /// <summary>
        /// Which of the adapter's brokers this connect goes to, 0 for the first of its list (the pile's provisioning may
        /// name several: the link supervisor chooses, the adapter only connects where it is told).
        /// </summary>
        public int Broker;
        /// <summary>Per-pile credentials, or null when the broker authenticates by client certificate.</summary>
        public string Username;
        public string Password;
        public int KeepAliveS = 60;
        public int ConnectTimeoutMs = 10000;
        /// <summary>false: the broker keeps the subscriptions and queued QoS 1 messages across reconnects.</summary>
        public bool CleanSession = true;
        /// <summary>The last will: published by the broker, retained, when the connection is lost; null for none.</summary>
        public string WillTopic;
        public byte[] WillPayload;
        public int WillCount;
        public LinkQos WillQos = LinkQos.AtLeastOnce;
        public bool WillRetain = true;
    }
}
