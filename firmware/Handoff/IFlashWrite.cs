namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// One write to flash that a fast thread prepared and the storage thread performs (<see cref="FlashRequest"/>). The
    /// requester leaves what it writes untouched until the request is done.
    /// </summary>
    public interface IFlashWrite
    {
        /// <summary>Runs on the storage thread; may take as long as the flash does.</summary>
        /// <returns>false when the write failed (what was stored before is still in force)</returns>
        bool Write();
    }
}
