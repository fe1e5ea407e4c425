using ChargeController.Firmware.Network;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// Wi-Fi on the network thread: <see cref="WifiPolicy"/> decides, the station joins (blocking this thread only), and a
    /// reboot is handed to the supervisor thread, which owns the boot state and marks it planned.
    /// </summary>
    internal sealed class WifiWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;
        private readonly IWifiStation _station;
        private readonly WifiPolicy _policy;
        private readonly int _connectTimeoutMs;

        public WifiWork(PileRuntime runtime, IWifiStation station, WifiPolicy policy, int connectTimeoutMs)
        {
            _runtime = runtime;
            _station = station;
            _policy = policy;
            _connectTimeoutMs = connectTimeoutMs;
        }

        public void RunOnce(long nowMs)
        {
            switch (_policy.Next(nowMs, _station.IsConnected, _runtime.MeterBusy))
            {
                case WifiAction.Connect:
                    _station.Connect(_connectTimeoutMs);
                    break;
                case WifiAction.Reboot:
                    _runtime.RequestPlannedReboot();
                    break;
            }
        }
    }
}
