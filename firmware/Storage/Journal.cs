using ChargeController.Hal;

using ChargeController.Firmware.Safety;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The append-only record log of what must survive a power cut: boots, sessions (open, checkpoints, close), faults
    /// (raise, clear, latch, retry count) and the technician console's logins and protected commands. Each record is [length u16][kind u8][sequence i64][payload][CRC-32], flushed as
    /// it is written. At boot the longest prefix of whole, checksummed records is believed and anything after it (a
    /// write cut by a power loss) is dropped, never misread. When the file outgrows its budget it is compacted into a
    /// new file that replaces it atomically. Reading, recovering and compacting stream through one fixed buffer and keep
    /// state only for what is still open (<see cref="JournalSummary"/>), so memory does not grow with the file; appends
    /// allocate nothing.
    /// </summary>
    public sealed class Journal
    {
        /// <summary>
        /// Platform records after the outbox cursor may use this much of the journal; beyond it compaction drops the
        /// oldest console records, then faults, then config changes, then boots, never a session's open or close
        /// (docs/mqtt-api.md, Delivery).
        /// </summary>
        public const int OutboxBudgetBytes = 32 * 1024;
        public const string FileName = "journal.bin";
        /// <summary>Where a compacted or repaired journal is written, record by record, before it is moved over the journal.</summary>
        public const string NewFileName = "journal.new";
        public const int MaxRecordBytes = 128;
        /// <summary>Tariff bands a session close can carry (Commands.Tariff.MaxBands).</summary>
        public const int MaxBands = 4;
        internal const int HeaderBytes = 11;
        internal const int CrcBytes = 4;

        private readonly IFileStore _store;
        private readonly int _compactAboveBytes;
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

        public Journal(IFileStore store, int compactAboveBytes, int keepClosedSessions)
        {
            _store = store;
            _compactAboveBytes = compactAboveBytes;
            _writer = new ByteWriter(_record);
            _reader = new JournalReader(store, FileName);
            _summary = new JournalSummary(keepClosedSessions);
        }

        public int Length => _validLength;
        public int Compactions { get; private set; }
        public int Appends { get; private set; }

        /// <summary>What the last pass over the journal found open (after <see cref="Open"/>: what the last run left).</summary>
        public JournalSummary Summary => _summary;

        /// <summary>
        /// Reads the journal at boot into <see cref="Summary"/>, writing nothing: the records it points at can be read
        /// back until the next append, which first cuts off a torn tail (later records must not follow the garbage).
        /// </summary>
        /// <param name="faultHistory">gets the fault records the pass sees, oldest first (its ring keeps the last), or null</param>
        public void Open(FaultLog faultHistory = null)
        {
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

        /// <param name="unixS">the boot's wall-clock time, 0 while unknown (fields after the first ones are optional: older records lack them)</param>
        public bool AppendBoot(int bootNumber, int reason, long uptimeMs = 0, long unixS = 0)
        {
            Begin(JournalRecordKind.Boot);
            _writer.PutInt32(bootNumber);
            _writer.PutByte(reason);
            _writer.PutInt64(uptimeMs);
            _writer.PutInt64(unixS);
            return Commit();
        }

        public bool AppendSessionOpen(string sessionId, string idTag, long startUnixS, long startWh, int flags, long uptimeMs = 0)
        {
            Begin(JournalRecordKind.SessionOpen);
            _writer.PutString(sessionId);
            _writer.PutString(idTag);
            _writer.PutInt64(startUnixS);
            _writer.PutInt64(startWh);
            _writer.PutByte(flags);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }

        public bool AppendCheckpoint(string sessionId, long wh, int uptimeS)
        {
            Begin(JournalRecordKind.SessionCheckpoint);
            _writer.PutString(sessionId);
            _writer.PutInt64(wh);
            _writer.PutInt32(uptimeS);
            return Commit();
        }

        /// <param name="idTag">and <paramref name="startWh"/>: repeated from the open record, so the session-end event is one record</param>
        /// <param name="bandsWh">the session's energy by tariff band (<see cref="MaxBands"/>, adding up to its energy), or null without a tariff</param>
        public bool AppendSessionClose(string sessionId, int reason, long stopWh, int flags, long stopUnixS, long uptimeMs = 0,
            string idTag = "", long startWh = -1, int[] bandsWh = null)
        {
            Begin(JournalRecordKind.SessionClose);
            _writer.PutString(sessionId);
            _writer.PutByte(reason);
            _writer.PutInt64(stopWh);
            _writer.PutByte(flags);
            _writer.PutInt64(stopUnixS);
            _writer.PutInt64(uptimeMs);
            _writer.PutString(idTag ?? "");
            _writer.PutInt64(startWh);
            if (bandsWh != null)
            {
                _writer.PutByte(MaxBands);
                for (var i = 0; i < MaxBands; i++)
                    _writer.PutInt32(bandsWh[i]);
            }
            return Commit();
        }

        public bool AppendFault(int fault, bool active, bool latched, int retries, long unixS, long uptimeMs = 0)
        {
            Begin(JournalRecordKind.Fault);
            _writer.PutByte(fault);
            _writer.PutByte((active ? 1 : 0) | (latched ? 2 : 0));
            _writer.PutInt32(retries);
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }

        /// <summary>A configuration key was changed and stored: a platform event.</summary>
        public bool AppendConfigChange(string key, string value, bool atNextBoot, long uptimeMs, long unixS)
        {
            Begin(JournalRecordKind.ConfigChange);
            _writer.PutString(key);
            _writer.PutString(value);
            _writer.PutByte(atNextBoot ? 1 : 0);
            _writer.PutInt64(uptimeMs);
            _writer.PutInt64(unixS);
            return Commit();
        }

        /// <summary>The most of a console record's action and reason kept: a record stays within <see cref="MaxRecordBytes"/>.</summary>
        public const int ConsoleActionChars = 40;
        public const int ConsoleReasonChars = 52;

        /// <param name="action">login, logout, or the protected command line (never a PIN)</param>
        /// <param name="reason">why it was refused, or null when accepted</param>
        public bool AppendConsole(string action, string reason, long unixS, long uptimeMs)
        {
            Begin(JournalRecordKind.Console);
            _writer.PutByte(reason == null ? 1 : 0);
            _writer.PutString(Cut(action, ConsoleActionChars));
            _writer.PutString(reason == null ? "" : Cut(reason, ConsoleReasonChars));
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
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
            kind == JournalRecordKind.Fault || kind == JournalRecordKind.ConfigChange || kind == JournalRecordKind.Console;

        private static string Cut(string text, int chars) => text.Length > chars ? text.Substring(0, chars) : text;

        private void Begin(JournalRecordKind kind)
        {
            _writer.Reset(_record, 2);
            _writer.PutByte((int)kind);
            _writer.PutInt64(_bootSequence | (uint)(_recordNumber + 1));
        }

        private bool Commit()
        {
            var length = _writer.Position + CrcBytes;
            if (_writer.Overflowed || length > MaxRecordBytes)
                return false;
            _record[0] = (byte)length;
            _record[1] = (byte)(length >> 8);
            Crc32.Seal(_record, 0, length - CrcBytes);

            // Bytes after ours (a torn tail found at boot, a torn write we did not see, flash damage): repair before appending.
            if (_store.Length(FileName) != _validLength)
                Rewrite(false);
            if (!_store.Append(FileName, _record, 0, length) || !_store.Flush(FileName))
                return false;
            _validLength += length;
            _recordNumber++;
            if (IsPlatformRecord((JournalRecordKind)_record[2]))
                _outboxPending++;
            Appends++;
            if (_validLength > _compactAboveBytes)
                Compact();
            return true;
        }

        /// <summary>Keeps what still matters: the last boot, each fault's last state, open sessions, the latest closed ones.</summary>
        public void Compact()
        {
            Scan();
            _summary.PlanOutboxDrops(OutboxBudgetBytes);
            var rewritten = Rewrite(true);
            Compactions++;
            var dropped = _summary.OutboxDroppedNow;
            if (!rewritten || dropped == 0)
                return;
            _outboxPending -= dropped;
            _outboxDropped += dropped;
            Begin(JournalRecordKind.OutboxDropped);
            _writer.PutInt64(_outboxDropped);
            Commit();
        }

        /// <summary>
        /// One pass over the believed records into <see cref="Summary"/>, then one more to count the outbox (its cursor is
        /// only known at the end of the first).
        /// </summary>
        private void Scan()
        {
            _summary.Clear();
            _reader.Rewind();
            while (_reader.Next())
                _summary.Add(_reader);
            _validLength = _reader.End;
            if (_summary.OutboxCursor > _outboxCursor)
                _outboxCursor = _summary.OutboxCursor;
            if (_summary.OutboxCursor > SavedOutboxCursor)
                SavedOutboxCursor = _summary.OutboxCursor;
            if (_summary.OutboxDropped > _outboxDropped)
                _outboxDropped = _summary.OutboxDropped;
            _summary.StartOutboxCount(_outboxCursor);
            _reader.Rewind();
            while (_reader.Next())
                _summary.CountOutbox(_reader);
            _outboxPending = _summary.OutboxPending;
        }

        /// <summary>
        /// Streams the believed records (all of them, or those compaction keeps after a <see cref="Scan"/>) into a new file,
        /// byte for byte, and moves it over the journal: a power cut leaves the old journal or the new one, never a mix.
        /// </summary>
        private bool Rewrite(bool compacting)
        {
            if (_store.Exists(NewFileName) && !_store.Delete(NewFileName))
                return false; // a rewrite cut short by a power loss left it
            var written = 0;
            _reader.Rewind();
            while (_reader.Next())
            {
                if (compacting && !_summary.Keeps(_reader))
                    continue;
                if (!_reader.CopyTo(NewFileName))
                    return false;
                written += _reader.Length;
            }
            var replaced = written == 0
                ? _store.Delete(FileName)
                : _store.Flush(NewFileName) && _store.Move(NewFileName, FileName);
            if (replaced)
                _validLength = written;
            return replaced;
        }
    }
}
