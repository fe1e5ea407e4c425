namespace ChargeController.Hal
{
    /// <summary>
    /// Why a broker connection failed, from the numbers the device libraries give: the CONNACK return code of MQTT 3.1.1 and
    /// the error number of a SocketException (nanoFramework's sockets use the Winsock numbering). Kept here, beside the port,
    /// so the ESP32 adapter only hands numbers over and the mapping has tests.
    /// </summary>
    public static class LinkFailures
    {
        /// <summary>WSAHOST_NOT_FOUND, WSATRY_AGAIN, WSANO_DATA: the name did not resolve.</summary>
        private const int HostNotFound = 11001;
        private const int TryAgain = 11002;
        private const int NoData = 11004;
        private const int TimedOut = 10060;
        /// <summary>WSAENETDOWN (10050) to WSAEHOSTUNREACH (10065): the TCP connection failed or broke.</summary>
        private const int FirstTcpError = 10050;
        private const int LastTcpError = 10065;

        /// <param name="returnCode">CONNACK: 0 accepted, 1 protocol version, 2 client id rejected, 3 server unavailable,
        /// 4 bad user name or password, 5 not authorised</param>
        public static LinkStatus FromConnack(int returnCode)
        {
            switch (returnCode)
            {
                case 0: return LinkStatus.Ok;
                case 2:
                case 4:
                case 5: return LinkStatus.AuthenticationFailure;
                default: return LinkStatus.Refused;
            }
        }

        /// <summary>
        /// A socket error while connecting. The TLS handshake reports its failures through the same exception with
        /// mbedTLS's own numbers, so on a secure link any number that is not a TCP or DNS error is a TLS failure.
        /// </summary>
        public static LinkStatus FromSocketError(int errorCode, bool secure)
        {
            if (errorCode == HostNotFound || errorCode == TryAgain || errorCode == NoData)
                return LinkStatus.DnsFailure;
            if (errorCode == TimedOut)
                return LinkStatus.Timeout;
            if (errorCode >= FirstTcpError && errorCode <= LastTcpError)
                return LinkStatus.NetworkFailure;
            return secure ? LinkStatus.TlsFailure : LinkStatus.NetworkFailure;
        }
    }
}
