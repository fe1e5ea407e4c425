// Surface of nanoframework/System.Device.Wifi v1.5.147 (282a9067): only the members hal/Esp32 uses, signatures as published.
using System.Device.Wifi;
using System.Threading;

namespace nanoFramework.Networking
{
    /// <summary>
    /// System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs. ConnectDhcp stores the credentials in nanoCLR's network
    /// configuration block, joins and waits for an address until the token is cancelled; Reconnect only waits for the
    /// radio's automatic reconnection with the stored credentials. Both return false on failure (the cause in Status).
    /// </summary>
    public static class WifiNetworkHelper
    {
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;

        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;
    }
}

namespace System.Device.Wifi
{
    /// <summary>System.Device.Wifi/WifiReconnectionKind.cs</summary>
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}
