using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Charging
{
    /// <summary>
    /// The plug and its cable: whether a plug is in and what its cable is rated for (the CC resistor, debounced; on a
    /// tethered pile the pilot), and the socket's plug lock, which holds it while the pile wants it held.
    /// </summary>
    public sealed class Plug
    {
        private readonly IConnectionConfirm _connectionConfirm;
        private readonly EventRing _events;
        private readonly FaultBook _faults;
        private readonly int _debounceMs;
        /// <summary>The socket's plug lock, or null on a tethered pile.</summary>
        private readonly ConnectorLock _lock;
        /// <summary>A tethered pile's cable rating (its CC line is not the pile's to read), or 0 on a socket pile.</summary>
        private readonly int _tetheredCableMa;
        private readonly ConditionTimer _cableSettled = new ConditionTimer();
        private int _cableCandidateMa = CableRating.Open;

        /// <param name="connectorLock">the socket's plug lock, or null on a tethered pile</param>
        /// <param name="tetheredCableMa">a tethered pile's cable rating, or 0 on a socket pile</param>
        public Plug(IConnectionConfirm connectionConfirm, ConnectorLock connectorLock, int tetheredCableMa, int debounceMs,
            EventRing events, FaultBook faults)
        {
            _connectionConfirm = connectionConfirm;
            _lock = connectorLock;
            _tetheredCableMa = tetheredCableMa;
            _debounceMs = debounceMs;
            _events = events;
            _faults = faults;
        }

        public bool Plugged { get; private set; }

        /// <summary>The cable's rating; without a plug <see cref="CableRating.Open"/> or <see cref="CableRating.Invalid"/>.</summary>
        public int CableMa { get; private set; } = CableRating.Open;

        /// <summary>The plug went in on the last <see cref="Sense"/>.</summary>
        public bool InsertedNow { get; private set; }

        /// <summary>The plug came out on the last <see cref="Sense"/>.</summary>
        public bool RemovedNow { get; private set; }

        /// <summary>The plug may carry current: the lock's switch says locked, or the pile has no lock.</summary>
        public bool Held => _lock == null || _lock.Locked;

        /// <summary>A socket with a plug lock (a tethered cable has none).</summary>
        public bool LockFitted => _lock != null;

        /// <param name="pilot">the pilot's stable state as of the last tick (a tethered pile's only sign of a vehicle)</param>
        public void Sense(PilotState pilot, long nowMs)
        {
            var readingMa = _tetheredCableMa > 0 ? TetheredCableMa(pilot) : CableRating.FromOhms(_connectionConfirm.ResistanceOhms);
            if (readingMa != _cableCandidateMa)
            {
                _cableCandidateMa = readingMa;
                _cableSettled.Holds(false, nowMs, 0);
            }
            if (_cableSettled.Holds(_cableCandidateMa != CableMa, nowMs, _debounceMs))
                CableMa = _cableCandidateMa;

            var inserted = CableMa > 0;
            InsertedNow = inserted && !Plugged;
            RemovedNow = !inserted && Plugged;
            Plugged = inserted;
        }

        /// <summary>
        /// The plug is held from the moment a charge is wanted on it until the contactor is open and no current flows: the
        /// lock releases only once releasing is safe.
        /// </summary>
        /// <param name="hold">the contactor is closed, or a charge is wanted on this plug-in</param>
        /// <param name="mayRelease">the contactor's contacts are seen open for the feedback time and the meter sees no current</param>
        public void HoldLock(bool hold, bool mayRelease, long nowMs)
        {
            if (_lock == null)
                return;
            _lock.Update(hold, mayRelease, _faults.IsRaised(Fault.ConnectorLockEngage), nowMs);
            if (_lock.Moved)
                _events.Lock(nowMs, _lock.Locked);
            _faults.Report(Fault.ConnectorLockEngage, _lock.EngageFailed, nowMs);
            _faults.Report(Fault.ConnectorLockRelease, _lock.ReleaseFailed, nowMs);
        }

        /// <summary>
        /// A tethered pile sees its vehicle only on the pilot: B, C or D is a vehicle on the cable, A none; any other
        /// reading (a fault, or the pile's own -12 V) leaves the plug as it was.
        /// </summary>
        private int TetheredCableMa(PilotState pilot)
        {
            if (pilot == PilotState.A)
                return CableRating.Open;
            if (pilot == PilotState.B || pilot == PilotState.C || pilot == PilotState.D)
                return _tetheredCableMa;
            return Plugged ? _tetheredCableMa : CableRating.Open;
        }
    }
}
