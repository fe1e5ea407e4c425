using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;

namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// The life of sessions, from the control thread's side: opening one (and waiting until the journal holds its
    /// record), checkpointing it while it charges, ending it, and sending its end once the meter has been read after the
    /// contactor opened. Also closes, at boot, the sessions the last run left open. Ids are `&lt;boot&gt;-&lt;n&gt;`.
    /// </summary>
    public sealed class SessionKeeper
    {
        /// <summary>While charging, a session is checkpointed this often, or at this much energy, whichever comes first.</summary>
        public const int CheckpointEveryMs = 60000;
        public const int CheckpointEveryWh = 100;
        /// <summary>How long the contactor waits for the session's open record to be durable before it closes anyway.</summary>
        public const int RecordWaitMs = 2000;

        private readonly EventRing _events;
        private readonly MeterPoller _meter;
        private readonly SessionLedger _ledger;
        private readonly int _meterLossMs;
        private readonly long _stopReadingWaitMs;
        private int _bootNumber;
        private int _count;
        private Session _closing;
        private long _closingSinceMs;
        private long _lastCheckpointMs;
        private long _lastCheckpointWh;

        /// <param name="meter">null for a pile without a meter: its sessions are unmetered</param>
        /// <param name="ledger">null for a pile that keeps no journal: the contactor does not wait for records</param>
        public SessionKeeper(EventRing events, MeterPoller meter, SessionLedger ledger, int meterLossMs, long stopReadingWaitMs)
        {
            _events = events;
            _meter = meter;
            _ledger = ledger;
            _meterLossMs = meterLossMs;
            _stopReadingWaitMs = stopReadingWaitMs;
        }

        /// <summary>The current or last session, or null before the first.</summary>
        public Session Current { get; private set; }

        public bool Running => Current != null && !Current.Ended;

        /// <summary>Ended, but its end still waits for the stop reading.</summary>
        public bool Closing => _closing != null;

        /// <summary>The running session's open record is still not on file <see cref="RecordWaitMs"/> after it opened.</summary>
        public bool RecordLate(long nowMs) =>
            _ledger != null && Running && _ledger.RecordedOpen != Current.Id && nowMs - Current.StartMs >= RecordWaitMs;

        /// <summary>At boot: ids continue from the boot number, and sessions the last run left open are closed.</summary>
        public void Recover(BootContext boot, long nowMs)
        {
            _bootNumber = boot.BootNumber;
            // A reboot the firmware chose (watchdog, planned) interrupted the session; anything else took the power away.
            var reason = boot.Reason == BootReason.Watchdog || boot.Reason == BootReason.Planned ? StopReason.Reboot : StopReason.PowerLoss;
            for (var i = 0; i < boot.OpenSessions.Length; i++)
            {
                var open = boot.OpenSessions[i];
                _events.Session(nowMs, EventRing.SessionEnd, reason, open.Code, open.SessionId, open.IdTag, open.Wh, boot.OpenSessionLastWh[i]);
            }
        }

        /// <summary>
        /// The contactor is about to close for a session: opens it on the first call, and says whether its open record is
        /// durable (or storage has had its time): a power cut must never leave delivered energy without a session. While
        /// the event ring is congested (storage cannot keep up) no session opens: the room left is for the durable
        /// events of what already runs.
        /// </summary>
        public bool ReadyToClose(string idTag, bool offline, long openedAtMs, long nowMs)
        {
            if (!Running && _events.Congested)
                return false;
            if (!Running)
                Open(idTag, offline, openedAtMs, nowMs);
            return _ledger == null || _ledger.RecordedOpen == Current.Id || RecordLate(nowMs);
        }

        /// <summary>The meter was lost while the session ran: it is unmetered, though its energy may still be known exactly.</summary>
        public void MeterLost()
        {
            if (Running)
                Current.MarkUnmetered();
        }

        /// <summary>
        /// While charging: a checkpoint of the meter every minute or 100 Wh, what a power cut loses at most. None while the
        /// ring is congested: the next one, once storage has caught up, supersedes it, and the reserve stays for ends and faults.
        /// </summary>
        public void Checkpoint(bool contactorClosed, long nowMs)
        {
            if (!contactorClosed || !Running || _meter == null || Current.StartWh == PileEvent.NoReading || _events.Congested)
                return;
            var reading = _meter.Latest;
            if (reading == null || reading.TimeMs <= _lastCheckpointMs)
                return;
            if (reading.TimeMs - _lastCheckpointMs < CheckpointEveryMs && reading.ImportWh - _lastCheckpointWh < CheckpointEveryWh)
                return;
            _lastCheckpointMs = reading.TimeMs;
            _lastCheckpointWh = reading.ImportWh;
            _events.Checkpoint(nowMs, Current.Id, reading.ImportWh);
        }

        /// <summary>
        /// Ends the running session now; its end event follows once the meter has been read after the contactor opened, so
        /// the stop reading includes every Wh that flowed.
        /// </summary>
        public void End(StopReason reason, bool contactorClosed, long openedAtMs, long nowMs)
        {
            if (!Running)
                return;
            Current.End(reason, nowMs, _events.WallClockS(nowMs));
            _closing = Current;
            _closingSinceMs = nowMs;
            Settle(contactorClosed, openedAtMs, nowMs, false);
        }

        /// <summary>
        /// Sends the end of an ended session once its stop reading is in, once waiting for it is pointless, or at once when
        /// <paramref name="now"/> (a new session is opening: the old end must go out first, unmetered if it has no reading).
        /// </summary>
        public void Settle(bool contactorClosed, long openedAtMs, long nowMs, bool now)
        {
            if (_closing == null)
                return;
            if (_meter != null && _closing.StartWh != PileEvent.NoReading)
            {
                var reading = _meter.Latest;
                // strictly after: a poll that started in the millisecond of the opening may have read before it
                var stopReadingIn = reading != null && !contactorClosed && reading.TimeMs > openedAtMs && reading.TimeMs > _closing.StartMs;
                if (!stopReadingIn && !now && nowMs - _closingSinceMs < _stopReadingWaitMs)
                    return; // the register keeps counting while the meter is silent: wait for it to answer
                if (stopReadingIn)
                    _closing.SetStopReading(reading.ImportWh);
            }
            if (!_closing.HasEnergy)
                _closing.MarkUnmetered();
            var session = _closing;
            _closing = null;
            _events.Session(nowMs, EventRing.SessionEnd, session.Reason, FlagsOf(session), session.Id, session.IdTag,
                session.StartWh, session.StopWh);
        }

        private void Open(string idTag, bool offline, long openedAtMs, long nowMs)
        {
            Settle(false, openedAtMs, nowMs, true); // the last session's end goes out before a new one starts
            _count++;
            var id = _bootNumber.ToString() + "-" + _count.ToString();
            var reading = _meter == null ? null : _meter.Latest;
            var startWh = reading != null && nowMs - reading.TimeMs < _meterLossMs ? reading.ImportWh : PileEvent.NoReading;
            Current = new Session(id, idTag, offline, nowMs, _events.WallClockS(nowMs), startWh);
            _lastCheckpointMs = nowMs;
            _lastCheckpointWh = startWh;
            _events.Session(nowMs, EventRing.SessionStart, StopReason.None, FlagsOf(Current), Current.Id, Current.IdTag, startWh,
                PileEvent.NoReading);
        }

        private static int FlagsOf(Session session) =>
            (session.Offline ? EventRing.SessionOffline : 0) | (session.Unmetered ? EventRing.SessionUnmetered : 0);
    }
}
