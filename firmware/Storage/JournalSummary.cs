using System.Collections;
using ChargeController.Firmware.Safety;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// What one pass over the journal learns, kept only for what is still open: the sessions without a close (their id,
    /// where their open record and last checkpoint are, their last reading), each fault's last record, the last boot, the
    /// last closed sessions and console records compaction keeps, the highest boot number and how many records there are. Its size depends on
    /// how many sessions are open at once and on the kept closed sessions, never on how long the journal is; a new pass
    /// reuses it.
    /// </summary>
    public sealed class JournalSummary
    {
        /// <summary>A fault's code is one byte in a record: one slot per value.</summary>
        private const int FaultCodes = 256;
        /// <summary>The console records compaction keeps: the latest logins and protected commands.</summary>
        public const int KeptConsoleRecords = 16;
        /// <summary>Per kept closed session: where its open record, its last checkpoint and its close are.</summary>
        private const int ClosedFields = 3;

        private readonly int[] _faultAt = new int[FaultCodes];
        private readonly ArrayList _open = new ArrayList();
        private readonly ArrayList _spare = new ArrayList();
        private readonly int[] _closed;
        private readonly int _keepClosed;
        private int _closedNext;
        private int _closedCount;
        private readonly int[] _consoleAt = new int[KeptConsoleRecords];
        private int _consoleNext;
        private int _lastBootAt;
        private int _lastOpenAt;
        private int _lastAckAt;
        private int _lastDroppedAt;
        // the outbox: platform records after the cursor, and what compaction drops of them when they outgrow the budget
        private long _countCursor;
        private int _droppableConsoleBytes;
        private int _droppableFaultBytes;
        private int _droppableConfigBytes;
        private int _droppableBootBytes;
        private int _dropConsoleBytes;
        private int _dropFaultBytes;
        private int _dropConfigBytes;
        private int _dropBootBytes;
        private int _outboxBytes;

        public JournalSummary(int keepClosedSessions)
        {
            _keepClosed = keepClosedSessions;
            _closed = new int[keepClosedSessions * ClosedFields];
            Clear();
        }

        /// <summary>Where the pass puts the fault records it sees (the boot's pass, for the console's fault log); null for none.</summary>
        public FaultLog FaultHistory { get; set; }

        public int Records { get; private set; }
        /// <summary>The highest boot number any record carries, 0 when there is none.</summary>
        public int HighestBoot { get; private set; }
        public int OpenSessions => _open.Count;
        /// <summary>The highest outbox cursor on record (0: nothing acknowledged yet).</summary>
        public long OutboxCursor { get; private set; }
        /// <summary>The last dropped count on record.</summary>
        public long OutboxDropped { get; private set; }
        /// <summary>Platform records after the cursor given to <see cref="StartOutboxCount"/>.</summary>
        public int OutboxPending { get; private set; }
        /// <summary>Platform records the planned compaction drops (<see cref="PlanOutboxDrops"/>), counted as <see cref="Keeps"/> drops them.</summary>
        public int OutboxDroppedNow { get; private set; }

        /// <summary>Where the record that opened the n-th open session is, oldest first.</summary>
        public int OpenSessionAt(int n) => ((OpenSession)_open[n]).OpenAt;

        /// <summary>
        /// A session opened after the n-th open session (in the journal's order): the meter's register went on counting
        /// for that one, so no reading after the boot is the n-th one's stop reading.
        /// </summary>
        public bool OpenSessionSuperseded(int n) => OpenSessionAt(n) < _lastOpenAt;

        /// <summary>The n-th open session's last checkpointed reading, or its start reading when it has none.</summary>
        public long OpenSessionLastWh(int n) => ((OpenSession)_open[n]).LastWh;

        /// <summary>How many closed sessions the pass remembers (the last ones, at most the number it keeps).</summary>
        public int ClosedSessions => _closedCount;

        /// <summary>Where the n-th remembered closed session's open record is (oldest first), or -1 when the pass did not see it.</summary>
        public int ClosedSessionOpenAt(int n) => _closed[ClosedSlot(n)];

        /// <summary>Where the n-th remembered closed session's close record is, oldest first.</summary>
        public int ClosedSessionCloseAt(int n) => _closed[ClosedSlot(n) + 2];

        /// <summary>The ring's oldest slot is the next to be written once it is full; before that, slot 0.</summary>
        private int ClosedSlot(int n) =>
            (((_closedCount < _keepClosed ? 0 : _closedNext) + n) % _keepClosed) * ClosedFields;

        /// <summary>How many faults have a record.</summary>
        public int Faults
        {
            get
            {
                var count = 0;
                for (var code = 0; code < FaultCodes; code++)
                    if (_faultAt[code] >= 0)
                        count++;
                return count;
            }
        }

        /// <summary>Where the n-th fault's last record is, the most recent first.</summary>
        public int FaultAt(int n)
        {
            var below = int.MaxValue;
            var at = -1;
            for (var i = 0; i <= n; i++)
            {
                at = -1;
                for (var code = 0; code < FaultCodes; code++)
                    if (_faultAt[code] > at && _faultAt[code] < below)
                        at = _faultAt[code];
                below = at;
            }
            return at;
        }

        public void Clear()
        {
            Records = 0;
            HighestBoot = 0;
            _lastBootAt = _lastOpenAt = _lastAckAt = _lastDroppedAt = -1;
            OutboxCursor = OutboxDropped = 0;
            _dropConsoleBytes = _dropFaultBytes = _dropConfigBytes = _dropBootBytes = 0;
            OutboxDroppedNow = 0;
            for (var code = 0; code < FaultCodes; code++)
                _faultAt[code] = -1;
            while (_open.Count > 0)
                Release(_open.Count - 1);
            for (var i = 0; i < _closed.Length; i++)
                _closed[i] = -1;
            _closedNext = 0;
            _closedCount = 0;
            for (var i = 0; i < _consoleAt.Length; i++)
                _consoleAt[i] = -1;
            _consoleNext = 0;
        }

        /// <summary>Takes in the reader's current record.</summary>
        public void Add(JournalReader record)
        {
            Records++;
            var boot = (int)(record.Sequence >> 32);
            if (boot > HighestBoot)
                HighestBoot = boot;
            switch (record.Kind)
            {
                case JournalRecordKind.Boot:
                    _lastBootAt = record.Offset;
                    break;
                case JournalRecordKind.Fault:
                    _faultAt[record.Code] = record.Offset;
                    if (FaultHistory != null)
                        FaultHistory.Add(record.Code, record.Active, record.UnixS, record.UptimeMs, boot);
                    break;
                case JournalRecordKind.SessionOpen:
                    _lastOpenAt = record.Offset;
                    Opened(record);
                    break;
                case JournalRecordKind.SessionCheckpoint:
                    var checkpointed = IndexOf(record);
                    if (checkpointed >= 0)
                    {
                        var session = (OpenSession)_open[checkpointed];
                        session.CheckpointAt = record.Offset;
                        session.LastWh = record.Wh;
                    }
                    break;
                case JournalRecordKind.SessionClose:
                    Closed(record);
                    break;
                case JournalRecordKind.OutboxAck:
                    _lastAckAt = record.Offset;
                    if (record.Wh > OutboxCursor)
                        OutboxCursor = record.Wh;
                    break;
                case JournalRecordKind.OutboxDropped:
                    _lastDroppedAt = record.Offset;
                    OutboxDropped = record.Wh;
                    break;
                case JournalRecordKind.Console:
                    _consoleAt[_consoleNext] = record.Offset;
                    _consoleNext = (_consoleNext + 1) % KeptConsoleRecords;
                    break;
            }
        }

        /// <summary>Starts counting the outbox after a full pass: the records after <paramref name="cursor"/>.</summary>
        public void StartOutboxCount(long cursor)
        {
            _countCursor = cursor;
            OutboxPending = 0;
            _outboxBytes = _droppableConsoleBytes = _droppableFaultBytes = _droppableConfigBytes = _droppableBootBytes = 0;
        }

        /// <summary>Takes in the reader's current record for the outbox's count (a second pass, after <see cref="Add"/> saw all).</summary>
        public void CountOutbox(JournalReader record)
        {
            if (!Journal.IsPlatformRecord(record.Kind) || record.Sequence <= _countCursor)
                return;
            OutboxPending++;
            _outboxBytes += record.Length;
            switch (record.Kind)
            {
                case JournalRecordKind.Fault:
                    if (record.Offset != _faultAt[record.Code])
                        _droppableFaultBytes += record.Length;
                    break;
                case JournalRecordKind.ConfigChange:
                    _droppableConfigBytes += record.Length;
                    break;
                case JournalRecordKind.Console:
                    if (!IsLatestConsole(record.Offset))
                        _droppableConsoleBytes += record.Length;
                    break;
                case JournalRecordKind.Boot:
                    if (record.Offset != _lastBootAt)
                        _droppableBootBytes += record.Length;
                    break;
            }
        }

        /// <summary>
        /// Plans which waiting platform records the next rewrite drops so the rest fit <paramref name="budgetBytes"/>: the
        /// oldest console records first (the latest <see cref="KeptConsoleRecords"/> stay: a lockout's burst of failed
        /// logins must not push out billing or safety records), then faults (each fault's last state stays: the status
        /// says it anyway), then config changes, then boots; sessions never. Counted as <see cref="Keeps"/> drops them.
        /// </summary>
        public void PlanOutboxDrops(int budgetBytes)
        {
            var excess = _outboxBytes - budgetBytes;
            _dropConsoleBytes = Take(ref excess, _droppableConsoleBytes);
            _dropFaultBytes = Take(ref excess, _droppableFaultBytes);
            _dropConfigBytes = Take(ref excess, _droppableConfigBytes);
            _dropBootBytes = Take(ref excess, _droppableBootBytes);
            OutboxDroppedNow = 0;
        }

        private static int Take(ref int excess, int available)
        {
            if (excess <= 0)
                return 0;
            var taken = excess < available ? excess : available;
            excess -= taken;
            return taken;
        }

        /// <summary>
        /// Whether compaction keeps the reader's current record: the last boot, each fault's last record, the latest
        /// console records, and of the open sessions and the last closed ones their open record, last checkpoint and close.
        /// </summary>
        public bool Keeps(JournalReader record)
        {
            var at = record.Offset;
            switch (record.Kind)
            {
                case JournalRecordKind.Boot:
                    return at == _lastBootAt || KeepsWaiting(record, ref _dropBootBytes);
                case JournalRecordKind.Fault:
                    return at == _faultAt[record.Code] || KeepsWaiting(record, ref _dropFaultBytes);
                case JournalRecordKind.ConfigChange:
                    return KeepsWaiting(record, ref _dropConfigBytes);
                case JournalRecordKind.OutboxAck:
                    return at == _lastAckAt;
                case JournalRecordKind.OutboxDropped:
                    return at == _lastDroppedAt;
                case JournalRecordKind.Console:
                    return IsLatestConsole(at) || KeepsWaiting(record, ref _dropConsoleBytes);
            }
            if (record.Kind != JournalRecordKind.SessionCheckpoint && record.Sequence > _countCursor)
                return true; // a session's open or close the broker has not acknowledged: never dropped
            for (var i = 0; i < _open.Count; i++)
            {
                var session = (OpenSession)_open[i];
                if (at == session.OpenAt || at == session.CheckpointAt)
                    return true;
            }
            for (var i = 0; i < _closed.Length; i++)
                if (_closed[i] == at)
                    return true;
            return false;
        }

        private bool IsLatestConsole(int offset)
        {
            for (var i = 0; i < _consoleAt.Length; i++)
                if (_consoleAt[i] == offset)
                    return true;
            return false;
        }

        /// <summary>A platform record of a droppable kind: kept while it waits for the broker, unless the plan drops it (the oldest go first).</summary>
        private bool KeepsWaiting(JournalReader record, ref int dropBytes)
        {
            if (record.Sequence <= _countCursor)
                return false;
            if (dropBytes <= 0)
                return true;
            dropBytes -= record.Length;
            OutboxDroppedNow++;
            return false;
        }

        private void Opened(JournalReader record)
        {
            OpenSession session;
            if (_spare.Count > 0)
            {
                session = (OpenSession)_spare[_spare.Count - 1];
                _spare.RemoveAt(_spare.Count - 1);
            }
            else
                session = new OpenSession();
            record.CopySessionId(session.Id);
            session.OpenAt = record.Offset;
            session.CheckpointAt = -1;
            session.LastWh = record.Wh;
            _open.Add(session);
        }

        /// <summary>The session leaves the open ones; compaction remembers it among the last closed (the oldest goes).</summary>
        private void Closed(JournalReader record)
        {
            var index = IndexOf(record);
            var openAt = -1;
            var checkpointAt = -1;
            if (index >= 0)
            {
                var session = (OpenSession)_open[index];
                openAt = session.OpenAt;
                checkpointAt = session.CheckpointAt;
                Release(index);
            }
            if (_keepClosed == 0)
                return;
            var slot = _closedNext * ClosedFields;
            _closed[slot] = openAt;
            _closed[slot + 1] = checkpointAt;
            _closed[slot + 2] = record.Offset;
            _closedNext = (_closedNext + 1) % _keepClosed;
            if (_closedCount < _keepClosed)
                _closedCount++;
        }

        private void Release(int index)
        {
            _spare.Add(_open[index]);
            _open.RemoveAt(index);
        }

        private int IndexOf(JournalReader record)
        {
            for (var i = 0; i < _open.Count; i++)
                if (record.SessionIdIs(((OpenSession)_open[i]).Id))
                    return i;
            return -1;
        }

        /// <summary>A session with an open record and no close yet. Kept and reused: a pass makes one per session open at once.</summary>
        private sealed class OpenSession
        {
            public readonly byte[] Id = new byte[Journal.MaxRecordBytes];
            public int OpenAt;
            public int CheckpointAt;
            public long LastWh;
        }
    }
}
