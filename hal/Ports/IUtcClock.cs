namespace ChargeController.Hal
{
    /// <summary>
    /// Wall-clock time as the device's system clock has it (set by SNTP on the ESP32). Read by the control thread to set the
    /// pile's wall clock (<c>Pile.SetWallClock</c>); the monotonic clock stays the one every timing decision is made on.
    /// </summary>
    public interface IUtcClock
    {
        /// <returns>false while the clock has not been set since boot</returns>
        bool TryGetUnixSeconds(out long unixSeconds);
    }
}
