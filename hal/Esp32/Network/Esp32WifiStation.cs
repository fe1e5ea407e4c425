using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using ChargeController.Hal;
using nanoFramework.Networking;

namespace ChargeController.Esp32.Network
{
    /// <summary>
    /// The Wi-Fi station through WifiNetworkHelper (System.Device.Wifi), with the radio's automatic reconnection on. With
    /// credentials provisioned, the first join of a boot sends them, which also saves them in nanoCLR's network
    /// configuration (ConnectDhcp writes that flash block every time: at every retry it would wear it out during a long
    /// outage); every other join waits for the radio to rejoin with the stored ones. Once the station has an address, SNTP
    /// keeps the system's UTC clock set. The retry and reboot policy is the firmware's (WifiPolicy).
    /// </summary>
    public sealed class Esp32WifiStation : IWifiStation
    {
        private readonly string _ssid;
        private readonly string _password;
        private bool _credentialsSent;

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
                if (_ssid == null || _credentialsSent)
                {
                    joined = WifiNetworkHelper.Reconnect(false, 0, timeout.Token);
                }
                else
                {
                    _credentialsSent = true;
                    joined = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
                }
            }
            if (joined && !Sntp.IsStarted)
                Sntp.Start();
            return joined;
        }
    }
}
