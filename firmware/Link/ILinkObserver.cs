using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>Told what the link supervisor publishes and when the link comes and goes (the simulator's trace); on the network thread.</summary>
    public interface ILinkObserver
    {
        void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain);

        /// <param name="reason">why: "connected", or the connect failure or loss ("timeout", "stuck", "network", ...)</param>
        void LinkChanged(long nowMs, bool up, string reason);
    }
}
