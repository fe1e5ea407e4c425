using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Sessions;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The energy of the running session split by tariff band: each meter reading's increase goes to the band in force
    /// when it was read, and at the session's end the rest up to its stop reading, so the bands add up to the session's
    /// energyWh exactly. Followed on the control thread every tick; allocates nothing.
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

        /// <param name="latest">the meter's latest reading, or null</param>
        /// <param name="unixS">wall-clock time now (0 while unknown: band 0 then, as with no tariff)</param>
        /// <returns>true once, when the session's end has been counted: the figures are final and add up to its energyWh</returns>
        public bool Follow(Session session, MeterReading latest, long unixS, Tariff tariff)
        {
            if (session == null || session.StartWh == PileEvent.NoReading)
                return false;
            if (session != _session)
                Begin(session);
            if (_closed)
                return false;
            if (session.Ended)
            {
                if (session.StopWh == PileEvent.NoReading)
                    return false; // the stop reading may still come
                Count(session.StopWh, unixS, tariff);
                _closed = true;
                return true;
            }
            if (latest != null && latest.TimeMs >= session.StartMs)
                Count(latest.ImportWh, unixS, tariff);
            return false;
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
