using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Sessions;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The energy of the running session split by tariff band: each meter reading's increase goes to the band in force
    /// when it was read, and at the session's end the rest up to its stop reading, so the bands add up to the session's
    /// energyWh exactly. Followed on the control thread every tick and closed just before the end event; allocates nothing.
    /// </summary>
    public sealed class BandEnergy
    {
        private readonly long[] _wh = new long[Tariff.MaxBands];
        private Session _session;
        private long _countedToWh;
        private bool _closed;

        /// <summary>The session the figures belong to (null before the first).</summary>
        public Session Session => _session;

        public long Wh(int band) => _wh[band];

        /// <summary>Every tick: the running session's new readings go to the band in force now.</summary>
        /// <param name="latest">the meter's latest reading, or null</param>
        /// <param name="unixS">wall-clock time now (0 while unknown: band 0 then, as with no tariff)</param>
        public void Follow(Session session, MeterReading latest, long unixS, Tariff tariff)
        {
            if (session == null || session.StartWh == PileEvent.NoReading || session.Ended)
                return;
            if (session != _session)
                Begin(session);
            if (latest != null && latest.TimeMs >= session.StartMs)
                Count(latest.ImportWh, unixS, tariff);
        }

        /// <summary>At the session's end: the rest up to the stop reading its end event carries.</summary>
        /// <returns>
        /// true once, when the figures are final and add up to its energyWh; false without both readings, or for a session
        /// not followed from its start (one the last boot left open: its bands before the reboot are not known)
        /// </returns>
        public bool Close(Session session, long stopWh, long unixS, Tariff tariff)
        {
            if (session != _session || _closed || stopWh == PileEvent.NoReading)
                return false;
            Count(stopWh, unixS, tariff);
            _closed = true;
            return true;
        }

        private void Begin(Session session)
        {
            _session = session;
            _countedToWh = session.StartWh;
            _closed = false;
            for (var i = 0; i < _wh.Length; i++)
                _wh[i] = 0;
        }

        private void Count(long totalWh, long unixS, Tariff tariff)
        {
            if (totalWh <= _countedToWh)
                return;
            _wh[tariff.BandAt(unixS)] += totalWh - _countedToWh;
            _countedToWh = totalWh;
        }
    }
}
