namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// Told on the control thread just before a session's end event goes into the ring, with the stop reading it carries:
    /// what it posts then (the energy by tariff band) reaches the storage thread first and is journaled with the close.
    /// Must not block.
    /// </summary>
    public interface ISessionEndObserver
    {
        /// <param name="stopWh">the reading the end event carries, or PileEvent.NoReading</param>
        void Ending(Session session, long stopWh, long nowMs);
    }
}
