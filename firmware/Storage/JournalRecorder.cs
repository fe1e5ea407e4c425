using ChargeController.Firmware.Events;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The journal's consumer of the event stream: boots, sessions, faults and the console's logins and protected
    /// commands become records. It runs where storage may
    /// block (the storage thread on the device; after each tick in simulation), never on the control thread.
    ///
    /// A record the journal could not write (full, or refused by the flash) is not forgotten: the event is held here and
    /// tried again every <see cref="RetryEveryMs"/>, and the caller records nothing after it until it is written (the
    /// later events wait in the event ring), so records reach the journal in order, each once.
    /// </summary>
    public sealed class JournalRecorder
    {
        /// <summary>How often a held record is tried again: a failed write costs the flash a little, and the core nothing.</summary>
        public const int RetryEveryMs = 1000;

        private readonly Journal _journal;
        private readonly SessionLedger _ledger;
        private readonly int[] _bandsWh = new int[Journal.MaxBands];
        private PileEvent _held;
        private bool _holding;
        private long _triedAtMs;
        private int _damageReported;

        public JournalRecorder(Journal journal, SessionLedger ledger)
        {
            _journal = journal;
            _ledger = ledger;
        }

        /// <summary>An event waits for a retry (<see cref="Retry"/>); nothing may be recorded after it until then.</summary>
        public bool Holding => _holding;

        /// <summary>Records the event if the journal keeps its kind.</summary>
        /// <returns>false when the journal could not write it: it is held, and <see cref="Retry"/> must write it before the next event</returns>
        public bool Record(PileEvent e, long nowMs)
        {
            if (Write(e))
                return true;
            _held = e;
            _holding = true;
            _triedAtMs = nowMs;
            return false;
        }

        /// <summary>Writes the held event, if one is held and its retry is due.</summary>
        /// <returns>whether nothing is held any more: the next event may be recorded</returns>
        public bool Retry(long nowMs)
        {
            if (!_holding)
                return true;
            if (nowMs - _triedAtMs < RetryEveryMs)
                return false;
            _triedAtMs = nowMs;
            if (!Write(_held))
                return false;
            _holding = false;
            _held = default(PileEvent); // its strings are the ring's no more
            return true;
        }

        /// <returns>whether the event needs no more: written, or not the journal's</returns>
        private bool Write(PileEvent e)
        {
            bool written;
            switch (e.Kind)
            {
                case EventKind.Boot:
                    written = _journal.AppendBoot(e.Value, e.Code, e.TimeMs, e.UnixS);
                    break;
                case EventKind.Fault:
                    written = _journal.AppendFault(e.Code, e.Flag, e.Flag2, e.Value, e.UnixS, e.TimeMs);
                    break;
                case EventKind.Session:
                    written = WriteSession(e);
                    break;
                case EventKind.ConfigChange:
                    written = _journal.AppendConfigChange(e.Text, e.Text2, e.Flag, e.TimeMs, e.UnixS);
                    break;
                case EventKind.Update:
                    written = _journal.AppendUpdate(e.Code, e.Text, e.Value, e.Value2, e.Long1, e.Long2, e.TimeMs, e.UnixS, e.Text2);
                    break;
                case EventKind.Console:
                    written = _journal.AppendConsole(e.Text, e.Flag ? null : e.Text2, e.UnixS, e.TimeMs);
                    break;
                default:
                    return true;
            }
            if (written)
                _ledger.WriteSucceeded();
            else
                _ledger.WriteFailed(_journal.Full);
            if (_journal.DamageFound != _damageReported) // found at boot, or by this write's compaction or repair
            {
                _damageReported = _journal.DamageFound;
                _ledger.JournalDamaged();
            }
            return written || _journal.TooLong; // a record no retry can write is not held: it would stop the journal for good
        }

        private bool WriteSession(PileEvent e)
        {
            if (e.Code == EventRing.SessionStart)
            {
                var opened = _journal.AppendSessionOpen(e.Text, e.Text2, e.UnixS, e.Long1, e.Value2, e.TimeMs);
                if (opened)
                    _ledger.Recorded(e.Text);
                return opened;
            }
            if (e.Code == EventRing.SessionCheckpoint)
                return _journal.AppendCheckpoint(e.Text, e.Long1, (int)(e.TimeMs / 1000));
            return _journal.AppendSessionClose(e.Text, e.Value, e.Long2, e.Value2, e.UnixS, e.TimeMs, e.Text2, e.Long1, Bands(e), e.HasSolar ? e.SolarWh : -1);
        }

        /// <summary>The end event's energy by tariff band, for its close record; null when it carries none.</summary>
        private int[] Bands(PileEvent e)
        {
            if (e.BandCount == 0)
                return null;
            for (var band = 0; band < _bandsWh.Length; band++)
                _bandsWh[band] = e.BandWh(band);
            return _bandsWh;
        }
    }
}
