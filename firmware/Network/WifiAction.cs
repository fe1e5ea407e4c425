namespace ChargeController.Firmware.Network
{
    /// <summary>What the network thread does next about Wi-Fi.</summary>
    public enum WifiAction
    {
        None,
        /// <summary>Try to join the network (blocks the network thread up to the connect timeout).</summary>
        Connect,
        /// <summary>The network has been gone too long: reboot the pile (a planned reboot).</summary>
        Reboot,
    }
}
