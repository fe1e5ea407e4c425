// Surface of nanoframework/nanoFramework.Networking.Sntp v1.6.42 (8e44b138): only the members hal/Esp32 uses, signatures as published.
namespace nanoFramework.Networking
{
    /// <summary>
    /// nanoFramework.Networking.Sntp/Sntp.cs: the native SNTP client, which sets the system clock (DateTime.UtcNow) and
    /// keeps it set while the network is up.
    /// </summary>
    public class Sntp
    {
        public static void Start() => throw null;
        public static bool IsStarted => throw null;
    }
}
