namespace ChargeController.Hal
{
    /// <summary>How a call on the broker link ended, or why a connection was lost. The status message counts the failures.</summary>
    public enum LinkStatus
    {
        Ok,
        /// <summary>The broker's name did not resolve.</summary>
        DnsFailure,
        /// <summary>No TCP connection, or it broke: no route, refused, reset, the broker went away.</summary>
        NetworkFailure,
        /// <summary>The TLS handshake failed: the server's certificate did not verify, or the client's was refused.</summary>
        TlsFailure,
        /// <summary>The broker refused the credentials or the client id (CONNACK bad username/password, not authorised).</summary>
        AuthenticationFailure,
        /// <summary>The broker refused for another reason (CONNACK server unavailable, protocol).</summary>
        Refused,
        /// <summary>No answer in time: connect timeout, or the keepalive found the connection dead.</summary>
        Timeout,
        /// <summary>A publish or subscribe while not connected.</summary>
        NotConnected,
        /// <summary>Too many QoS 1 publishes in flight; try again after an acknowledgement.</summary>
        Busy,
    }
}
