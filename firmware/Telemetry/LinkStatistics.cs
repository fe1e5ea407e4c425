using ChargeController.Hal;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// What the link supervisor has seen since boot, reported in the status message once the link is back: how often it
    /// connected and lost the connection, and why connects failed.
    /// </summary>
    public sealed class LinkStatistics
    {
        public int Connects { get; private set; }
        public int Losses { get; private set; }
        public int DnsFailures { get; private set; }
        public int TlsFailures { get; private set; }
        public int AuthenticationFailures { get; private set; }
        /// <summary>Network, timeout and refusals other than authentication.</summary>
        public int OtherFailures { get; private set; }

        public void Connected() => Connects++;

        public void Lost() => Losses++;

        public void ConnectFailed(LinkStatus why)
        {
            switch (why)
            {
                case LinkStatus.DnsFailure: DnsFailures++; break;
                case LinkStatus.TlsFailure: TlsFailures++; break;
                case LinkStatus.AuthenticationFailure: AuthenticationFailures++; break;
                default: OtherFailures++; break;
            }
        }
    }
}
