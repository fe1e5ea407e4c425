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
    /// contactor opened. Also closes, at boot, the sessions the last run left open, with the first plausible reading after
    /// boot: the contactor has been open since the run ended, so every Wh counted since their last checkpoint is theirs.
    /// Not so for one with a later session after it on the journal (its close was lost): that one ends at its last
    /// checkpoint, flagged. The first reading after boot is checked against the last checkpoint too: the register can
    /// have grown past it by no more than the pile delivers in two checkpoint intervals (one may not have reached flash).
    /// Ids are `&lt;boot&gt;-&lt;n&gt;`.
    /// </summary>
    public sealed class SessionKeeper
    {
        /// <summary>While charging, a session is checkpointed this often, or at this much energy, whichever comes first.</summary>
        public const int CheckpointEveryMs = 60000;
        public const int CheckpointEveryWh = 100;
        /// <summary>
        /// How long a session's open record may take to become durable before the pile says the flash is slow (`storage`).
        /// The contactor waits for the record however long it takes: energy never flows with no session on record.
        /// </summary>
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
        private Session[] _recovered = new Session[0];
        private int _recovering;
        private long _bootMs;
        private long _lastCheckpointMs;
        private long _lastCheckpointWh;
        private readonly int[] _bandsWh = new int[PileEvent.Bands];

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

        /// <summary>Ended (or left open by the last run), but its end still waits for the stop reading.</summary>
        public bool Closing => _closing != null || _recovering > 0;

        /// <summary>
        /// The running session's open record is still not on file <see cref="RecordWaitMs"/> after it opened, though no
        /// write has failed: the flash is slow (a warning; the contactor keeps waiting). Not while the journal holds a record
        /// it could not write (full, or refused): that has faults of its own.
        /// </summary>
        public bool RecordLate(long nowMs) =>
            _ledger != null && Running && _ledger.RecordedOpen != Current.Id && !_ledger.Holding && nowMs - Current.StartMs >= RecordWaitMs;

        /// <summary>
        /// At boot: ids continue from the boot number, and sessions the last run left open end, each once its stop reading
        /// is in (see <see cref="Settle"/>): they carry their last checkpoint until then.
        /// </summary>
        public void Recover(BootContext boot, long nowMs)
        {
            _bootNumber = boot.BootNumber;
            _bootMs = nowMs;
            History = boot.SessionLog;
            // A reboot the firmware chose (watchdog, planned) interrupted the session; anything else took the power away.
            var reason = boot.Reason == BootReason.Watchdog || boot.Reason == BootReason.Planned ? StopReason.Reboot : StopReason.PowerLoss;
            _recovered = new Session[boot.OpenSessions.Length];
            _recovering = _recovered.Length;
            for (var i = 0; i < _recovered.Length; i++)
            {
                var open = boot.OpenSessions[i];
                // it ran on the last boot's monotonic clock: how long it ran is not known
                var session = new Session(open.SessionId, open.IdTag, (open.Code & EventRing.SessionOffline) != 0, Session.UnknownMs,
                    open.UnixS, open.Wh);
                session.Reached(boot.OpenSessionLastWh[i]);
                session.End(reason, Session.UnknownMs, _events.WallClockS(nowMs));
                if (boot.OpenSessionSuperseded[i])
                    session.EndAtCheckpoint(); // a later session's energy is in every reading after boot
                else if (_meter != null)
                    _meter.ExpectFrom(boot.OpenSessionLastWh[i], 2 * CheckpointEveryMs);
                _recovered[i] = session;
                if (History != null)
                    History.Add(session); // shown at once, its energy once its stop reading is in
            }
        }

        /// <summary>
        /// The contactor is about to close for a session: opens it on the first call, and says whether its open record is
        /// durable: a power cut must never leave delivered energy without a session, so a slow flash keeps the vehicle
        /// waiting rather than charging unrecorded (a marker written first would wait for the same flash). While
        /// the event ring is congested (storage cannot keep up) no session opens: the room left is for the durable
        /// events of what already runs.
        /// </summary>
        public bool ReadyToClose(string idTag, bool offline, long openedAtMs, long nowMs)
        {
            if (!Running && _events.Congested)
                return false;
            if (!Running)
                Open(idTag, offline, openedAtMs, nowMs);
            return _ledger == null || _ledger.RecordedOpen == Current.Id;
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
            Current.Reached(reading.ImportWh);
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
        /// Sessions the last run left open take the first reading after boot.
        /// </summary>
        public void Settle(bool contactorClosed, long openedAtMs, long nowMs, bool now)
        {
            for (var i = 0; _recovering > 0 && i < _recovered.Length; i++)
            {
                var session = _recovered[i];
                if (session == null || !StopReadingSettled(session, contactorClosed, _bootMs - 1, _bootMs, nowMs, now))
                    continue;
                _recovered[i] = null;
                _recovering--;
                Send(session, nowMs);
            }
            if (_closing == null)
                return;
            var readAfterMs = openedAtMs > _closing.StartMs ? openedAtMs : _closing.StartMs;
            if (!StopReadingSettled(_closing, contactorClosed, readAfterMs, _closingSinceMs, nowMs, now))
                return;
            var ended = _closing;
            _closing = null;
            Send(ended, nowMs);
        }

        /// <summary>
        /// Whether an ended session's end may go out: its stop reading (a plausible reading from a poll that started after
        /// <paramref name="readAfterMs"/>) is in and set; or there will be none worth waiting for: no meter or no start
        /// reading, a meter that answers implausibly, or <c>meter.stopReadingWaitS</c> has passed.
        /// </summary>
        private bool StopReadingSettled(Session session, bool contactorClosed, long readAfterMs, long waitingSinceMs, long nowMs, bool now)
        {
            if (_meter == null || session.StartWh == PileEvent.NoReading || session.EndsAtCheckpoint)
                return true;
            var reading = _meter.Latest;
            // strictly after: a poll that started in the millisecond of the opening may have read before it
            if (reading != null && !contactorClosed && reading.TimeMs > readAfterMs)
            {
                if (reading.ImportWh >= session.LastWh) // a total below what the session reached is no stop reading of it
                    session.SetStopReading(reading.ImportWh);
                return true;
            }
            if (_meter.AnsweredImplausibly && _meter.LastPollMs > readAfterMs)
                return true; // it answers, but nothing it says can be billed: waiting will not make it right
            // the register keeps counting while the meter is silent: wait for it to answer
            return now || nowMs - waitingSinceMs >= _stopReadingWaitMs;
        }

        /// <summary>
        /// The last ended sessions, this boot's added as their ends go out (those the last run left open at once); null
        /// when the boot brought none.
        /// </summary>
        public SessionLog History { get; private set; }

        /// <summary>Asked just before each session's end event for its energy by tariff band and from the site's export (the runtime's), or null.</summary>
        public ISessionEndObserver EndObserver { get; set; }

        private void Send(Session session, long nowMs)
        {
            if (!session.HasEnergy)
                session.MarkUnmetered();
            var lastReadingOnly = !session.HasEnergy && session.LastWh != PileEvent.NoReading;
            var stopWh = lastReadingOnly ? session.LastWh : session.StopWh;
            var bands = EndObserver != null && EndObserver.Ending(session, stopWh, nowMs, _bandsWh);
            var solarWh = EndObserver != null && session.HasEnergy ? EndObserver.SolarWh(session, session.EnergyWh) : -1;
            _events.Session(nowMs, EventRing.SessionEnd, session.Reason, FlagsOf(session) | (lastReadingOnly ? EventRing.SessionLastReadingOnly : 0),
                session.Id, session.IdTag, session.StartWh, stopWh, bands ? _bandsWh : null, solarWh);
            if (History != null && !History.Contains(session))
                History.Add(session);
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
            (session.Offline ? EventRing.SessionOffline : 0) | (session.Unmetered ? EventRing.SessionUnmetered : 0) |
            (session.EndsAtCheckpoint ? EventRing.SessionEndFromCheckpoint : 0);
    }
}
