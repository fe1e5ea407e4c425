using System;
using ChargeController.Hal;

namespace ChargeController.Esp32.Network
{
    /// <summary>
    /// UTC from the system clock, which SNTP sets once the station has an address (Esp32WifiStation starts it). Until then
    /// the ESP32's clock counts from its power-on default, years in the past: a time before <see cref="ValidFromYear"/>
    /// counts as not set.
    /// </summary>
    public sealed class Esp32UtcClock : IUtcClock
    {
        public const int ValidFromYear = 2026;

        /// <summary>1970-01-01 in DateTime ticks (DateTime.ToUnixTimeSeconds exists only in nanoFramework's mscorlib: NF007).</summary>
        private const long UnixEpochTicks = 621355968000000000;

        public bool TryGetUnixSeconds(out long unixSeconds)
        {
            var now = DateTime.UtcNow;
            unixSeconds = (now.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
            return now.Year >= ValidFromYear;
        }
    }
}
