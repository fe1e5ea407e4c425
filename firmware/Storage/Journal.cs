using ChargeController.Hal;

using ChargeController.Firmware.Safety;
using ChargeController.Loader;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The append-only record log of what must survive a power cut: boots, sessions (open, checkpoints, close), faults
    /// (raise, clear, latch, retry count) and the technician console's logins and protected commands. Each record is [length u16][kind u8][sequence i64][payload][CRC-32], flushed as
    /// it is written. At boot every whole, checksummed record is believed: damage in the middle loses only the records it
    /// falls in (kept aside, <see cref="DamageFileName"/>), and anything after the last record (a write cut by a power
    /// loss) is dropped, never misread. When the file outgrows its budget it is compacted into a
    /// new file that replaces it atomically. Reading, recovering and compacting stream through one fixed buffer and keep
    /// state only for what is still open (<see cref="JournalSummary"/>), so memory does not grow with the file; appends
    /// allocate nothing.
    /// </summary>
    public sealed partial class Journal
    {
        /// <summary>
        /// Platform records after the outbox cursor may use this much of the journal; beyond it compaction drops the
        /// oldest console records, then faults, then config changes, then boots, never a session's open or close
        /// (docs/mqtt-api.md, Delivery).
        /// </summary>
        public const int OutboxBudgetBytes = 32 * 1024;
        /// <summary>
        /// The most the journal may hold: a quarter of the 256 KB partition, so the journal and the copy a compaction writes
        /// beside it never take more than half of it and the other files (configuration, boot state, tables, console
        /// access, Wi-Fi and certificates) keep the rest. A record that would pass it is not written (<see cref="Full"/>).
        /// </summary>
        public const int CeilingBytes = 64 * 1024;
        /// <summary>
        /// When a compaction cannot bring the journal below its threshold (platform records the broker has not
        /// acknowledged fill it), the next one waits until the journal has grown by one flash block more.
        /// </summary>
        public const int CompactionStepBytes = 4096;
        public const string FileName = "journal.bin";
        /// <summary>Where a compacted or repaired journal is written, record by record, before it is moved over the journal.</summary>
        public const string NewFileName = "journal.new";
        /// <summary>
        /// The longest record. A session's records always fit, so none is ever refused as too long: the longest close (a
        /// 21-character id, a 20-character id tag of 3-byte UTF-8 characters, tariff bands, a solar share) is 153 bytes, the longest open
        /// 123. Free text (the console's) is cut to fit.
        /// </summary>
        public const int MaxRecordBytes = 160;
        /// <summary>Tariff bands a session close can carry (Commands.Tariff.MaxBands).</summary>
        public const int MaxBands = 4;
        internal const int HeaderBytes = 11;
        internal const int CrcBytes = 4;

        private readonly IFileStore _store;
        private readonly int _compactAboveBytes;
        private readonly int _ceilingBytes;
        /// <summary>Compaction is due when a record would take the journal past this.</summary>
        private int _compactAt;
        /// <summary>What the last compaction left, and under which cursor: compacting that again would change nothing.</summary>
        private int _compactedLength = -1;
        private long _compactedCursor = -1;
        /// <summary>A compaction dropped outbox records whose count is not on record yet.</summary>
        private bool _dropsToRecord;
        private readonly byte[] _record = new byte[MaxRecordBytes];
        private readonly ByteWriter _writer;
        private readonly JournalReader _reader;
        private readonly JournalSummary _summary;
        private int _validLength;
        private long _bootSequence;
        private long _outboxCursor;
        private long _outboxDropped;
        private int _outboxPending;
        private int _recordNumber;
        /// <summary>What a rewrite during the current commit copied last: its sequence, and whether it is the record being committed.</summary>
        private long _rewriteLastSequence;
        private bool _rewriteKept;

        /// <param name="ceilingBytes">the most the journal may hold (<see cref="CeilingBytes"/>; larger only to write a journal as an older firmware left it)</param>
        public Journal(IFileStore store, int compactAboveBytes, int keepClosedSessions, int ceilingBytes = CeilingBytes)
        {
            _store = store;
            _compactAboveBytes = compactAboveBytes;
            _ceilingBytes = ceilingBytes;
            _compactAt = compactAboveBytes < ceilingBytes ? compactAboveBytes : ceilingBytes;
            _writer = new ByteWriter(_record);
            _reader = new JournalReader(store, FileName);
            _summary = new JournalSummary(keepClosedSessions);
        }

        public int Length => _validLength;

        /// <summary>
        /// Whether the platform's records wait here for the broker's acknowledgement (the outbox). A pile without a platform
        /// link has no broker to acknowledge them: they are kept like any other record, so its sessions cannot fill the
        /// journal to its ceiling. Set before <see cref="Open"/>.
        /// </summary>
        public bool KeepsOutbox { get; set; } = true;

        public int Compactions { get; private set; }
        public int Appends { get; private set; }

        /// <summary>
        /// The last record was not written because it would take the journal past its ceiling, even after a compaction:
        /// what the journal must keep (records the broker has not acknowledged, open sessions, each fault's last state)
        /// fills it. Appends fail, without touching the flash, until the outbox cursor moves and a compaction makes room.
        /// </summary>
        public bool Full { get; private set; }

        /// <summary>The last record was longer than <see cref="MaxRecordBytes"/>: it can never be written, a retry would not help.</summary>
        public bool TooLong { get; private set; }

        /// <summary>What the last pass over the journal found open (after <see cref="Open"/>: what the last run left).</summary>
        public JournalSummary Summary => _summary;

        /// <summary>
        /// Reads the journal at boot into <see cref="Summary"/>, writing nothing but deleting the copy a compaction cut by a
        /// power loss left: the records it points at can be read back until the next append, which first cuts off a torn
        /// tail (later records must not follow the garbage) and compacts a journal past its threshold.
        /// </summary>
        /// <param name="faultHistory">gets the fault records the pass sees, oldest first (its ring keeps the last), or null</param>
        public void Open(FaultLog faultHistory = null)
        {
            if (_store.Exists(NewFileName))
                _store.Delete(NewFileName); // a rewrite a power cut stopped: garbage that only takes room
            _summary.FaultHistory = faultHistory;
            Scan();
            _summary.FaultHistory = null; // later passes (compaction, storage thread) must not touch the console's log
        }

        /// <summary>The whole record at <paramref name="offset"/> (one <see cref="Summary"/> points at), with its strings; null if it is not there.</summary>
        public JournalRecord RecordAt(int offset) => _reader.ReadAt(offset) ? _reader.Record() : null;

        /// <summary>Numbers this boot's records: the boot number above, a count within the boot below.</summary>
        public void StartBoot(int bootNumber)
        {
            _bootSequence = (long)bootNumber << 32;
            _recordNumber = 0;
        }

        // ---- the outbox: platform records after the cursor wait for the broker's acknowledgement ----

        /// <summary>Every platform record up to this sequence is acknowledged (in memory; durable after <see cref="SaveOutboxCursor"/>).</summary>
        public long OutboxCursor => _outboxCursor;
        /// <summary>Platform records after the cursor, waiting to be sent or acknowledged.</summary>
        public int OutboxPending => _outboxPending;
        /// <summary>Platform records a full outbox dropped, in the pile's life (persisted).</summary>
        public long OutboxDropped => _outboxDropped;
        /// <summary>The sequence of the last record this boot appended (0 before the first).</summary>
        public long LastSequence => _recordNumber == 0 ? 0 : _bootSequence | (uint)_recordNumber;

        /// <summary>The cursor as it is on flash.</summary>
        public long SavedOutboxCursor { get; private set; }

        /// <summary>
        /// The broker acknowledged the platform record <paramref name="sequence"/>, the oldest one waiting: records are
        /// acknowledged one call each, in order (as the outbox's slots come back), which keeps <see cref="OutboxPending"/> exact.
        /// </summary>
        public void Acknowledge(long sequence)
        {
            if (sequence <= _outboxCursor)
                return;
            _outboxCursor = sequence;
            if (_outboxPending > 0)
                _outboxPending--;
        }

        /// <summary>Makes the cursor durable (an OutboxAck record); a cut before it only means some events are sent twice.</summary>
        public bool SaveOutboxCursor()
        {
            if (_outboxCursor == SavedOutboxCursor)
                return true;
            Begin(JournalRecordKind.OutboxAck);
            _writer.PutInt64(_outboxCursor);
            if (!Commit())
                return false;
            SavedOutboxCursor = _outboxCursor;
            return true;
        }

        /// <summary>Whether a record of this kind is a platform event (leaves through the outbox).</summary>
        public static bool IsPlatformRecord(JournalRecordKind kind) =>
            kind == JournalRecordKind.Boot || kind == JournalRecordKind.SessionOpen || kind == JournalRecordKind.SessionClose ||
            kind == JournalRecordKind.Fault || kind == JournalRecordKind.ConfigChange || kind == JournalRecordKind.Console ||
            kind == JournalRecordKind.HealthWarning || kind == JournalRecordKind.Health || kind == JournalRecordKind.Update;

        private void Begin(JournalRecordKind kind)
        {
            _writer.Reset(_record, 2);
            _writer.PutByte((int)kind);
            _writer.PutInt64(_bootSequence | (uint)(_recordNumber + 1));
        }

        /// <summary>
        /// Writes the record <see cref="Begin"/> started: compacts first when it is due, then checks that the record fits
        /// below the ceiling and that the file ends where the journal believes (a torn tail, a torn write it did not see,
        /// flash damage: repaired first), then appends and flushes it.
        /// </summary>
        /// <returns>false when it is not on flash: <see cref="Full"/>, or the flash refused (broken, or its partition full)</returns>
        private bool Commit()
        {
            var length = _writer.Position + CrcBytes;
            TooLong = _writer.Overflowed || length > MaxRecordBytes;
            if (TooLong)
                return false;
            _record[0] = (byte)length;
            _record[1] = (byte)(length >> 8);
            Crc32.Seal(_record, 0, length - CrcBytes);

            _rewriteLastSequence = 0;
            _rewriteKept = false;
            var compacted = CompactionDue(length) && (!DeferCompaction || _validLength + length > _ceilingBytes);
            if (compacted)
                Shrink();
            if (!_rewriteKept)
            {
                Full = _validLength + length > _ceilingBytes;
                if (Full)
                    return false;
                if (_store.Length(FileName) != _validLength && !Rewrite(false))
                    return false;
            }
            NumberOn(length);
            if (!_rewriteKept)
            {
                if (!_store.Append(FileName, _record, 0, length) || !_store.Flush(FileName))
                    return false;
                _validLength += length;
            }
            _recordNumber++;
            if (KeepsOutbox && IsPlatformRecord((JournalRecordKind)_record[2]) && !(_rewriteKept && compacted)) // a compaction counted it
                _outboxPending++;
            Appends++;
            RecordDrops();
            return true;
        }

        /// <summary>
        /// After a rewrite in this commit (a repair of bytes after the last believed record, or a compaction): numbers go on
        /// from the last record really in the file. A record whose flush failed stays in the file and a rewrite keeps it
        /// (it is whole), so two records would share a sequence, and the platform, which de-duplicates on it, would drop a
        /// real event. When that record is the very one being committed (a retry), the rewrite made it durable: it is not
        /// written again.
        /// </summary>
        private void NumberOn(int length)
        {
            if ((_rewriteLastSequence >> 32) != (_bootSequence >> 32))
                return; // no rewrite, or none of this boot's records in the file
            var last = (int)_rewriteLastSequence; // the number within the boot, below the boot number
            if (_rewriteKept)
            {
                if (last - 1 > _recordNumber)
                    _recordNumber = last - 1;
                return;
            }
            if (last <= _recordNumber)
                return;
            _recordNumber = last;
            _writer.Reset(_record, 3).PutInt64(_bootSequence | (uint)(_recordNumber + 1));
            Crc32.Seal(_record, 0, length - CrcBytes);
        }

        /// <summary>
        /// The record would take the journal past the compaction mark, and the journal or the cursor has changed since the
        /// last compaction (compacting the same records under the same cursor again would keep exactly the same).
        /// </summary>
        private bool CompactionDue(int length) =>
            _validLength + length > _compactAt && (_validLength != _compactedLength || _outboxCursor != _compactedCursor);

        /// <summary>
        /// Set by the storage thread while the pile is busy (a session runs, the contactor is closed or just opened): a
        /// compaction that comes due waits, since it reads and rewrites the whole journal (seconds of flash on the ESP32),
        /// unless the record would not fit under the ceiling without it. <see cref="CompactIfDue"/> runs it once idle.
        /// </summary>
        public bool DeferCompaction { get; set; }

        /// <summary>The compaction a busy pile deferred, if the journal has passed its mark since the last one.</summary>
        public void CompactIfDue()
        {
            if (CompactionDue(0))
                Compact();
        }

        /// <summary>Keeps what still matters: the last boot, each fault's last state, open sessions, the latest closed ones.</summary>
        public void Compact()
        {
            Shrink();
            RecordDrops();
        }

        /// <summary>
        /// The compaction itself. It writes no record (one may be waiting in the record buffer): the count of the outbox
        /// records it dropped is recorded after (<see cref="RecordDrops"/>). The next compaction is due at the threshold,
        /// or one step past what this one left when that is more, and never past the ceiling.
        /// </summary>
        private void Shrink()
        {
            Scan();
            _summary.PlanOutboxDrops(OutboxBudgetBytes);
            var rewritten = Rewrite(true);
            Compactions++;
            _compactedLength = _validLength;
            _compactedCursor = _outboxCursor;
            var next = _validLength + CompactionStepBytes;
            if (next < _compactAboveBytes)
                next = _compactAboveBytes;
            _compactAt = next < _ceilingBytes ? next : _ceilingBytes;
            var dropped = _summary.OutboxDroppedNow;
            if (!rewritten || dropped == 0)
                return;
            _outboxPending -= dropped;
            _outboxDropped += dropped;
            _dropsToRecord = true;
        }

        /// <summary>Persists the dropped count a compaction left to record; if it cannot, the next record that goes through tries again.</summary>
        private void RecordDrops()
        {
            if (!_dropsToRecord)
                return;
            _dropsToRecord = false;
            Begin(JournalRecordKind.OutboxDropped);
            _writer.PutInt64(_outboxDropped);
            if (!Commit())
                _dropsToRecord = true;
        }

        /// <summary>
        /// One pass over the believed records into <see cref="Summary"/>, then one more to count the outbox (its cursor is
        /// only known at the end of the first).
        /// </summary>
        private void Scan()
        {
            _summary.Clear();
            _reader.Rewind();
            var damaged = 0;
            while (_reader.Next())
            {
                damaged += _reader.SkippedBytes;
                _summary.Add(_reader);
            }
            _validLength = _reader.End;
            PassFound(damaged);
            if (_summary.OutboxCursor > _outboxCursor)
                _outboxCursor = _summary.OutboxCursor;
            if (_summary.OutboxCursor > SavedOutboxCursor)
                SavedOutboxCursor = _summary.OutboxCursor;
            if (_summary.OutboxDropped > _outboxDropped)
                _outboxDropped = _summary.OutboxDropped;
            _summary.StartOutboxCount(KeepsOutbox ? _outboxCursor : long.MaxValue); // without an outbox nothing waits
            _reader.Rewind();
            while (_reader.Next())
                _summary.CountOutbox(_reader);
            _outboxPending = _summary.OutboxPending;
        }

        /// <summary>
        /// Streams the believed records (all of them, or those compaction keeps after a <see cref="Scan"/>) into a new file,
        /// byte for byte, and moves it over the journal: a power cut leaves the old journal or the new one, never a mix.
        /// Damage between records is kept in the side file first (<see cref="KeepDamage"/>); if the flash refuses it, the
        /// rewrite does not happen.
        /// A rewrite that fails (the partition has no room for the copy) deletes the copy, so it never leaves the partition
        /// full; so does a compaction whose copy would pass the ceiling (it could not make room for a record anyway).
        /// </summary>
        private bool Rewrite(bool compacting)
        {
            if (_store.Exists(NewFileName) && !_store.Delete(NewFileName))
                return false; // a rewrite cut short by a power loss left it
            var written = 0;
            var damaged = 0;
            long lastSequence = 0;
            var kept = _reader.Matches(_record);
            _reader.Rewind();
            while (_reader.Next())
            {
                damaged += _reader.SkippedBytes;
                if (_reader.SkippedBytes > 0 && !KeepDamage())
                {
                    _store.Delete(NewFileName);
                    return false;
                }
                if (compacting && !_summary.Keeps(_reader))
                    continue;
                if ((compacting && written + _reader.Length > _ceilingBytes) || !_reader.CopyTo(NewFileName))
                {
                    _store.Delete(NewFileName);
                    return false;
                }
                written += _reader.Length;
                lastSequence = _reader.Sequence;
                kept = _reader.Matches(_record); // the record being committed, already in the file (see NumberOn)
            }
            PassFound(damaged);
            var replaced = written == 0
                ? _store.Delete(FileName)
                : _store.Flush(NewFileName) && _store.Move(NewFileName, FileName);
            if (replaced)
            {
                Rewritten();
                _validLength = written;
                _rewriteLastSequence = lastSequence;
                _rewriteKept = kept;
            }
            else
                _store.Delete(NewFileName);
            return replaced;
        }
    }
}
