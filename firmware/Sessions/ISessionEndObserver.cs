namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// Asked on the control thread just before a session's end event goes into the ring, with the stop reading it carries:
    /// the session's energy by tariff band, which the end event carries (and the journal keeps in the close). Must not block.
    /// </summary>
    public interface ISessionEndObserver
    {
        /// <param name="stopWh">the reading the end event carries, or PileEvent.NoReading</param>
        /// <param name="bandsWh">filled with the energy by band (PileEvent.Bands figures)</param>
        /// <returns>whether the end carries bands (a tariff is in force and both readings exist)</returns>
        bool Ending(Session session, long stopWh, long nowMs, int[] bandsWh);
    }
}
