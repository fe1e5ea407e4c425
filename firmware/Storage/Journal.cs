using System.Collections;
using ChargeController.Hal;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The append-only record log of what must survive a power cut: boots, sessions (open, checkpoints, close) and faults
    /// (raise, clear, latch, retry count). Each record is [length u16][kind u8][sequence i64][payload][CRC-32], flushed as
    /// it is written. At boot the longest prefix of whole, checksummed records is believed and anything after it (a
    /// write cut by a power loss) is dropped, never misread. When the file outgrows its budget it is compacted into a
    /// new file that replaces it atomically. Appends allocate nothing.
    /// </summary>
    public sealed class Journal
    {
        public const string FileName = "journal.bin";
        public const int MaxRecordBytes = 128;
        private const int HeaderBytes = 11;
        private const int CrcBytes = 4;

        private readonly IFileStore _store;
        private readonly int _compactAboveBytes;
        private readonly int _keepClosedSessions;
        private readonly byte[] _record = new byte[MaxRecordBytes];
        private readonly ByteWriter _writer;
        private int _validLength;
        private long _bootSequence;
        private int _recordNumber;

        public Journal(IFileStore store, int compactAboveBytes, int keepClosedSessions)
        {
            _store = store;
            _compactAboveBytes = compactAboveBytes;
            _keepClosedSessions = keepClosedSessions;
            _writer = new ByteWriter(_record);
        }

        public int Length => _validLength;
        public int Compactions { get; private set; }
        public int Appends { get; private set; }

        /// <summary>Reads the journal at boot and drops a torn tail.</summary>
        /// <returns>every record believed, oldest first</returns>
        public JournalRecord[] Open()
        {
            bool torn;
            var records = ReadAll(_store, out _validLength, out torn);
            if (torn)
                Rewrite(records); // later appends must not follow the garbage
            return records;
        }

        /// <summary>Numbers this boot's records: the boot number above, a count within the boot below.</summary>
        public void StartBoot(int bootNumber)
        {
            _bootSequence = (long)bootNumber << 32;
            _recordNumber = 0;
        }

        public bool AppendBoot(int bootNumber, int reason)
        {
            Begin(JournalRecordKind.Boot);
            _writer.PutInt32(bootNumber);
            _writer.PutByte(reason);
            return Commit();
        }

        public bool AppendSessionOpen(string sessionId, string idTag, long startUnixS, long startWh, int flags)
        {
            Begin(JournalRecordKind.SessionOpen);
            _writer.PutString(sessionId);
            _writer.PutString(idTag);
            _writer.PutInt64(startUnixS);
            _writer.PutInt64(startWh);
            _writer.PutByte(flags);
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

        public bool AppendSessionClose(string sessionId, int reason, long stopWh, int flags, long stopUnixS)
        {
            Begin(JournalRecordKind.SessionClose);
            _writer.PutString(sessionId);
            _writer.PutByte(reason);
            _writer.PutInt64(stopWh);
            _writer.PutByte(flags);
            _writer.PutInt64(stopUnixS);
            return Commit();
        }

        public bool AppendFault(int fault, bool active, bool latched, int retries, long unixS)
        {
            Begin(JournalRecordKind.Fault);
            _writer.PutByte(fault);
            _writer.PutByte((active ? 1 : 0) | (latched ? 2 : 0));
            _writer.PutInt32(retries);
            _writer.PutInt64(unixS);
            return Commit();
        }

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

            // Someone else's bytes after ours (a torn write we did not see, flash corruption): repair before appending.
            if (_store.Length(FileName) != _validLength)
            {
                bool torn;
                int ignored;
                Rewrite(ReadAll(_store, out ignored, out torn));
            }
            if (!_store.Append(FileName, _record, 0, length) || !_store.Flush(FileName))
                return false;
            _validLength += length;
            _recordNumber++;
            Appends++;
            if (_validLength > _compactAboveBytes)
                Compact();
            return true;
        }

        /// <summary>Keeps what still matters: the last boot, each fault's last state, open sessions, the latest closed ones.</summary>
        public void Compact()
        {
            bool torn;
            int ignored;
            var records = ReadAll(_store, out ignored, out torn);
            var keep = new bool[records.Length];
            var closedIds = new ArrayList();
            var seenFaults = new ArrayList();
            var lastBoot = -1;
            for (var i = records.Length - 1; i >= 0; i--)
            {
                var record = records[i];
                switch (record.Kind)
                {
                    case JournalRecordKind.Boot:
                        if (lastBoot < 0)
                            lastBoot = i;
                        break;
                    case JournalRecordKind.Fault:
                        if (!seenFaults.Contains(record.Code))
                        {
                            seenFaults.Add(record.Code);
                            keep[i] = true;
                        }
                        break;
                    case JournalRecordKind.SessionClose:
                        if (closedIds.Count < _keepClosedSessions)
                            KeepSession(records, record.SessionId, keep);
                        closedIds.Add(record.SessionId);
                        break;
                    case JournalRecordKind.SessionOpen:
                        // walking backwards a session's close comes before its open: not seen yet means still open
                        if (!closedIds.Contains(record.SessionId))
                            KeepSession(records, record.SessionId, keep);
                        break;
                }
            }
            if (lastBoot >= 0)
                keep[lastBoot] = true;
            var kept = new ArrayList();
            for (var i = 0; i < records.Length; i++)
                if (keep[i])
                    kept.Add(records[i]);
            var result = new JournalRecord[kept.Count];
            kept.CopyTo(result);
            Rewrite(result);
            Compactions++;
        }

        /// <summary>The open record, the last checkpoint and the close of one session.</summary>
        private static void KeepSession(JournalRecord[] records, string sessionId, bool[] keep)
        {
            var lastCheckpoint = -1;
            for (var i = 0; i < records.Length; i++)
            {
                if (records[i].SessionId != sessionId)
                    continue;
                if (records[i].Kind == JournalRecordKind.SessionCheckpoint)
                    lastCheckpoint = i;
                else
                    keep[i] = true;
            }
            if (lastCheckpoint >= 0)
                keep[lastCheckpoint] = true;
        }

        /// <summary>Replaces the file with exactly these records, copied byte for byte from the current file.</summary>
        private void Rewrite(JournalRecord[] records)
        {
            var total = 0;
            foreach (var record in records)
                total += record.Length;
            var content = new byte[total];
            var at = 0;
            foreach (var record in records)
            {
                _store.Read(FileName, record.Offset, content, at, record.Length);
                record.Offset = at;
                at += record.Length;
            }
            if (_store.Replace(FileName, content, 0, total))
                _validLength = total;
        }

        /// <summary>Every whole, checksummed record from the start of the file; <paramref name="torn"/> when bytes follow them.</summary>
        public static JournalRecord[] ReadAll(IFileStore store, out int validLength, out bool torn)
        {
            var fileLength = store.Length(FileName);
            var content = new byte[fileLength];
            var read = store.Read(FileName, 0, content, 0, fileLength);
            var records = new ArrayList();
            var at = 0;
            while (true)
            {
                var record = Parse(content, at, read);
                if (record == null)
                    break;
                records.Add(record);
                at += record.Length;
            }
            validLength = at;
            torn = at < fileLength;
            var result = new JournalRecord[records.Count];
            records.CopyTo(result);
            return result;
        }

        private static JournalRecord Parse(byte[] content, int at, int end)
        {
            if (end - at < 2)
                return null;
            var length = content[at] | (content[at + 1] << 8);
            if (length < HeaderBytes + CrcBytes || length > MaxRecordBytes || at + length > end)
                return null;
            if (!Crc32.Verify(content, at, length))
                return null;
            var reader = new ByteReader(content, at + 2, length - 2 - CrcBytes);
            var record = new JournalRecord { Kind = (JournalRecordKind)reader.Byte(), Sequence = reader.Int64(), Offset = at, Length = length };
            switch (record.Kind)
            {
                case JournalRecordKind.Boot:
                    record.Number = reader.Int32();
                    record.Code = reader.Byte();
                    break;
                case JournalRecordKind.SessionOpen:
                    record.SessionId = reader.String();
                    record.IdTag = reader.String();
                    record.UnixS = reader.Int64();
                    record.Wh = reader.Int64();
                    record.Code = reader.Byte();
                    break;
                case JournalRecordKind.SessionCheckpoint:
                    record.SessionId = reader.String();
                    record.Wh = reader.Int64();
                    record.Number = reader.Int32();
                    break;
                case JournalRecordKind.SessionClose:
                    record.SessionId = reader.String();
                    record.Code = reader.Byte();
                    record.Wh = reader.Int64();
                    record.Number = reader.Byte();
                    record.UnixS = reader.Int64();
                    break;
                case JournalRecordKind.Fault:
                    record.Code = reader.Byte();
                    var flags = reader.Byte();
                    record.Active = (flags & 1) != 0;
                    record.Latched = (flags & 2) != 0;
                    record.Number = reader.Int32();
                    record.UnixS = reader.Int64();
                    break;
                default:
                    return null; // a kind this firmware does not know: written by a newer one, or damage the CRC missed
            }
            return reader.Failed ? null : record;
        }
    }
}
