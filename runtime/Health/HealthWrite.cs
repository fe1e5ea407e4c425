using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// One save of the health record, prepared by the control thread and carried out by the storage thread
    /// (<see cref="FlashWrites"/>): first the warnings it carries and, once a day, the day's figures, as platform events
    /// in the journal (the outbox sends them), then the record itself, sealed by the control thread into the record's buffer. The control thread
    /// fills it only while it is not in flight. A write that failed part way keeps what it had done: posted again, it goes on from there, so no event
    /// is appended twice.
    /// </summary>
    public sealed class HealthWrite : IFlashWrite
    {
        private readonly HealthStore _store;
        private readonly Journal _journal;
        /// <summary>The warnings this save sends, a bit each, with their value and threshold by warning; those already appended.</summary>
        private int _warnings;
        private int _appended;
        private readonly int[] _value = new int[HealthWarnings.Count];
        private readonly int[] _threshold = new int[HealthWarnings.Count];
        private bool _daily;
        private long _unixS;
        private long _uptimeMs;

        /// <param name="journal">where the events go, or null for a pile without a journal (the record is still kept)</param>
        public HealthWrite(HealthStore store, Journal journal)
        {
            _store = store;
            _journal = journal;
        }

        /// <summary>Control thread: a new save of <paramref name="figures"/>; <paramref name="daily"/> also sends them as the day's message.</summary>
        public void Prepare(HealthFigures figures, bool daily, long unixS, long uptimeMs)
        {
            _store.Seal(figures);
            _daily = daily;
            _unixS = unixS;
            _uptimeMs = uptimeMs;
            _warnings = _appended = 0;
        }

        /// <summary>Control thread, after <see cref="Prepare"/>: a warning to send with this save.</summary>
        public void Add(int warning, int value, int threshold)
        {
            _warnings |= 1 << warning;
            _value[warning] = value;
            _threshold[warning] = threshold;
        }

        /// <summary>Storage thread.</summary>
        public bool Write()
        {
            if (_journal != null)
            {
                for (var i = 0; i < HealthWarnings.Count; i++)
                {
                    var bit = 1 << i;
                    if ((_warnings & bit) == 0 || (_appended & bit) != 0)
                        continue;
                    if (!_journal.AppendHealthWarning(i, _value[i], _threshold[i], _unixS, _uptimeMs))
                        return false;
                    _appended |= bit;
                }
                if (_daily)
                {
                    if (!_journal.AppendHealth(_store.Buffer, HealthStore.FiguresAt, _unixS, _uptimeMs))
                        return false;
                    _daily = false;
                }
            }
            return _store.Write();
        }
    }
}
