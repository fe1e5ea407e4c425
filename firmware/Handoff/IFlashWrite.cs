namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// One write to flash that the control thread prepared and the storage thread performs (<see cref="FlashWrites"/>).
    /// Nothing is copied: the requester leaves what it writes untouched until the write is done.
    /// </summary>
    public interface IFlashWrite
    {
        /// <summary>Runs on the storage thread; may take as long as the flash does.</summary>
        /// <returns>false when the write failed (what was stored before is still in force)</returns>
        bool Write();
    }
}
