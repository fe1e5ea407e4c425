using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using ChargeController.Hal;
using nanoFramework.Networking;

namespace ChargeController.Esp32.Network
{
    /// <summary>
    /// The Wi-Fi station through WifiNetworkHelper (System.Device.Wifi), with the radio's automatic reconnection on. With
    /// credentials provisioned, a join sends them (and stores them in nanoCLR's network configuration); without, it waits for
    /// the radio to rejoin with the stored ones. Once the station has an address, SNTP keeps the system's UTC clock set.
    /// The retry and reboot policy is the firmware's (WifiPolicy); this only does what it is told.
    /// </summary>
    public sealed class Esp32WifiStation : IWifiStation
    {
        private readonly string _ssid;
        private readonly string _password;

        /// <param name="ssid">the network, or null to use the credentials nanoCLR has stored</param>
        public Esp32WifiStation(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
        }

        public bool IsConnected => NetworkInterface.GetIsNetworkAvailable();

        public bool Connect(int timeoutMs)
        {
            bool joined;
            using (var timeout = new CancellationTokenSource(timeoutMs))
            {
                joined = _ssid == null
                    ? WifiNetworkHelper.Reconnect(false, 0, timeout.Token)
                    : WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            }
            if (joined && !Sntp.IsStarted)
                Sntp.Start();
            return joined;
        }
    }
}
