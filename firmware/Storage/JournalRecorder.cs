using ChargeController.Firmware.Events;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The journal's consumer of the event stream: boots, sessions, faults and the console's logins and protected
    /// commands become records. It runs where storage may
    /// block (the storage thread on the device; after each tick in simulation), never on the control thread.
    /// </summary>
    public sealed class JournalRecorder
    {
        private readonly Journal _journal;
        private readonly SessionLedger _ledger;
        private readonly int[] _bandsWh = new int[Journal.MaxBands];
        /// <summary>The session whose energy by band came last (a Bands event), journaled with its close; null when none waits.</summary>
        private string _bandsOf;

        public JournalRecorder(Journal journal, SessionLedger ledger)
        {
            _journal = journal;
            _ledger = ledger;
        }

        public void Record(PileEvent e)
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
                    if (e.Code == EventRing.SessionStart)
                    {
                        written = _journal.AppendSessionOpen(e.Text, e.Text2, e.UnixS, e.Long1, e.Value2, e.TimeMs);
                        if (written)
                            _ledger.Recorded(e.Text);
                    }
                    else if (e.Code == EventRing.SessionCheckpoint)
                        written = _journal.AppendCheckpoint(e.Text, e.Long1, (int)(e.TimeMs / 1000));
                    else
                    {
                        var bands = _bandsOf == e.Text ? _bandsWh : null;
                        _bandsOf = null;
                        written = _journal.AppendSessionClose(e.Text, e.Value, e.Long2, e.Value2, e.UnixS, e.TimeMs, e.Text2, e.Long1, bands);
                    }
                    break;
                case EventKind.Bands:
                    KeepBands(e);
                    return;
                case EventKind.ConfigChange:
                    written = _journal.AppendConfigChange(e.Text, e.Text2, e.Flag, e.TimeMs, e.UnixS);
                    break;
                case EventKind.Console:
                    written = _journal.AppendConsole(e.Text, e.Flag ? null : e.Text2, e.UnixS, e.TimeMs);
                    break;
                default:
                    return;
            }
            if (written)
                _ledger.WriteSucceeded();
            else
                _ledger.WriteFailed();
        }

        /// <summary>The control thread posts a session's bands just before its end (runtime SessionBands): kept for the close record.</summary>
        private void KeepBands(PileEvent e)
        {
            _bandsOf = e.Text;
            _bandsWh[0] = e.Value;
            _bandsWh[1] = e.Value2;
            _bandsWh[2] = e.Code;
            _bandsWh[3] = (int)e.Long1;
        }
    }
}
