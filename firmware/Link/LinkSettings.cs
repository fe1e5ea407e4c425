namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// Who the pile is to the broker, given by whoever builds the runtime (the device's provisioning, PileSim's options):
    /// the pile id, its topic root and credentials.
    /// </summary>
    public sealed class LinkSettings
    {
        public string PileId = "cc-0001";
        /// <summary>null: the default root, piles/&lt;pileId&gt;.</summary>
        public string TopicRoot;
        public string Username;
        public string Password;
        /// <summary>How many brokers the broker link knows (provision.txt's broker.host list): the supervisor fails over between them.</summary>
        public int Brokers = 1;
        public int ConnectTimeoutMs = 10000;
    }
}
