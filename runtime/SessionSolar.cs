using ChargeController.Firmware.Sessions;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The running session's solar energy (docs/site.md, Solar share): of the pile's power, the part the site would have
    /// exported without it, which is the part not imported from the grid at the connection point. SiteControl works the
    /// power out at each site reading paired with the pile's own; this integrates it on the control thread every tick while
    /// the contactor is closed, and gives the session's end event the figure in Wh, capped at its metered energy.
    /// Integers; allocates nothing.
    /// </summary>
    internal sealed class SessionSolar
    {
        private const long WattMsPerWh = 3600L * 1000;

        private Session _session;
        private long _solarWattMs;
        private long _lastMs;

        /// <summary>
        /// Of the pile's power, the part not imported at the connection point: all of it while the site exports (or
        /// balances), else what is left of it once the site's import is taken out (the rest of the site gets the array's
        /// power first). The site meter's total, as it bills: a phase's export offsets another's import.
        /// </summary>
        /// <param name="pileW">the pile's own meter's power</param>
        /// <param name="siteW">the site meter's power, signed: negative exports</param>
        public static int SolarW(int pileW, int siteW)
        {
            if (pileW <= 0)
                return 0;
            if (siteW <= 0)
                return pileW;
            return siteW >= pileW ? 0 : pileW - siteW;
        }

        /// <summary>Every tick, after the core's: <paramref name="solarW"/> counts for the time since the last tick while charging.</summary>
        public void Follow(Session session, bool contactorClosed, int solarW, long nowMs)
        {
            if (session == null || session.Ended)
                return;
            if (session != _session)
            {
                _session = session;
                _solarWattMs = 0;
                _lastMs = nowMs;
            }
            if (contactorClosed)
                _solarWattMs += (long)solarW * (nowMs - _lastMs);
            _lastMs = nowMs;
        }

        /// <returns>the session's solar energy, at most <paramref name="energyWh"/>; -1 for a session not followed from its start</returns>
        public int Wh(Session session, long energyWh)
        {
            if (session != _session)
                return -1;
            var wh = _solarWattMs / WattMsPerWh;
            return (int)(wh < energyWh ? wh : energyWh);
        }
    }
}
