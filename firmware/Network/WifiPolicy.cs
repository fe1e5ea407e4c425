using ChargeController.Firmware.Config;

namespace ChargeController.Firmware.Network
{
    /// <summary>
    /// Our own Wi-Fi retry and reboot policy, above the radio's automatic reconnection: while the station has no address,
    /// try to join every wifi.retryS (the first attempt at once); after wifi.rebootAfterMin without a network, reboot, but
    /// only while no session runs (a reboot opens the contactor). A wedged Wi-Fi stack is what the reboot is for: ESP-IDF's
    /// station can stay down until the chip restarts. Runs on the network thread; decides, never blocks.
    /// </summary>
    public sealed class WifiPolicy
    {
        private readonly int _retryMs;
        private readonly long _rebootAfterMs;
        private long _downSinceMs = -1;
        private long _nextAttemptMs;

        public WifiPolicy(int retryMs, long rebootAfterMs)
        {
            _retryMs = retryMs;
            _rebootAfterMs = rebootAfterMs;
        }

        public static WifiPolicy From(PileConfig config) =>
            new WifiPolicy(config.Get(ConfigKeys.WifiRetryS) * 1000, config.Get(ConfigKeys.WifiRebootAfterMin) * 60000L);

        /// <summary>Join attempts since the network was last up.</summary>
        public int Attempts { get; private set; }

        /// <param name="connected">the station has an address now</param>
        /// <param name="sessionRunning">a session runs or waits for its stop reading: no reboot now</param>
        public WifiAction Next(long nowMs, bool connected, bool sessionRunning)
        {
            if (connected)
            {
                _downSinceMs = -1;
                Attempts = 0;
                return WifiAction.None;
            }
            if (_downSinceMs < 0)
            {
                _downSinceMs = nowMs;
                _nextAttemptMs = nowMs;
            }
            if (_rebootAfterMs > 0 && nowMs - _downSinceMs >= _rebootAfterMs && !sessionRunning)
                return WifiAction.Reboot;
            if (nowMs < _nextAttemptMs)
                return WifiAction.None;
            _nextAttemptMs = nowMs + _retryMs;
            Attempts++;
            return WifiAction.Connect;
        }
    }
}
