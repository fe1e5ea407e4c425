namespace ChargeController.Hal
{
    /// <summary>
    /// The pile's Wi-Fi station. The radio reconnects by itself after a short drop; this port is for the network thread's
    /// own retries (the policy lives in the firmware, <c>WifiPolicy</c>). Connect blocks: never call it from the control thread.
    /// </summary>
    public interface IWifiStation
    {
        /// <summary>The station has an IP address.</summary>
        bool IsConnected { get; }

        /// <summary>Joins the network with the provisioned credentials and waits up to <paramref name="timeoutMs"/> for an address.</summary>
        /// <returns>whether it has an address</returns>
        bool Connect(int timeoutMs);
    }
}
