namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// Asked on the control thread just before a session's end event goes into the ring, with the stop reading it carries:
    /// the session's energy by tariff band and from the site's export, which the end event carries (and the journal keeps in the
    /// close). Must not block.
    /// </summary>
    public interface ISessionEndObserver
    {
        /// <param name="stopWh">the reading the end event carries, or PileEvent.NoReading</param>
        /// <param name="bandsWh">filled with the energy by band (PileEvent.Bands figures)</param>
        /// <returns>whether the end carries bands (a tariff is in force and both readings exist)</returns>
        bool Ending(Session session, long stopWh, long nowMs, int[] bandsWh);

        /// <summary>Of a metered session's <paramref name="energyWh"/>, what the site would have exported without it (docs/site.md).</summary>
        /// <returns>0 to <paramref name="energyWh"/>, or -1 when not known (no site meter, or the session not followed from its start)</returns>
        int SolarWh(Session session, long energyWh);
    }
}
