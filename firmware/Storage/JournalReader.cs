using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// Reads the journal front to back through one fixed buffer, a record at a time: however long the file, reading it
    /// allocates nothing. Each record is checked (length, CRC, known kind, fields in bounds) before it is believed. Where
    /// one fails, reading goes on at the next offset where a whole record checks out: the bytes in between are damage
    /// (<see cref="SkippedBytes"/>; flash damage spoils the records it falls in, not those after it). Bytes after the
    /// last record that checks out are a torn tail (a write cut by a power loss). The current record's fields are
    /// decoded into values; its strings stay bytes in the buffer, compared in place.
    /// </summary>
    public sealed class JournalReader
    {
        /// <summary>One flash read: four records of the longest kind, so most records need no read of their own.</summary>
        public const int BufferBytes = 4 * Journal.MaxRecordBytes;
        private const int MinRecordBytes = Journal.HeaderBytes + Journal.CrcBytes;
        private readonly IFileStore _store;
        private readonly string _fileName;
        private readonly byte[] _buffer = new byte[BufferBytes];
        private readonly long[] _bandsWh = new long[Journal.MaxBands];
        private readonly ByteReader _fields = new ByteReader(null, 0, 0);
        private int _bufferAt;
        private int _buffered;
        private int _start;
        private int _sessionIdAt;
        private int _idTagAt;
        private int _keyAt;
        private int _valueAt;
        private int _healthAt;

        public JournalReader(IFileStore store, string fileName)
        {
            _store = store;
            _fileName = fileName;
        }

        /// <summary>The file's length when reading began.</summary>
        public int FileLength { get; private set; }

        /// <summary>Where the believed records end so far: after the last whole record read.</summary>
        public int End { get; private set; }

        /// <summary>Bytes follow the last record that checks out: a write cut by a power loss, or damage at the very end.</summary>
        public bool Torn => End < FileLength;

        /// <summary>Damaged bytes just before the current record, between it and the record before: 0 when it follows that one directly.</summary>
        public int SkippedBytes { get; private set; }

        /// <summary>Where the damage before the current record starts (<see cref="SkippedBytes"/>).</summary>
        public int SkippedAt => Offset - SkippedBytes;

        // the current record
        public int Offset { get; private set; }
        public int Length { get; private set; }
        public JournalRecordKind Kind { get; private set; }
        public long Sequence { get; private set; }
        public int Code { get; private set; }
        public int Number { get; private set; }
        public long Wh { get; private set; }
        public long UnixS { get; private set; }
        public bool Active { get; private set; }
        public bool Latched { get; private set; }
        /// <summary>Milliseconds since its boot when the record's event happened; 0 in records written before it was kept.</summary>
        public long UptimeMs { get; private set; }
        /// <summary>A session close's start reading (repeated from its open), <see cref="Journal"/>'s -1 when none.</summary>
        public long StartWh { get; private set; }
        /// <summary>A session close's energy by tariff band: <see cref="Journal.MaxBands"/> figures, or 0 when it has none (no tariff).</summary>
        public int BandCount { get; private set; }
        /// <summary>A session close's energy from the site's export (docs/site.md), -1 when it has none (no site meter, or an older close).</summary>
        public int SolarWh { get; private set; }
        /// <summary>An update record's bytes of the whole package (its staged bytes are in <see cref="Wh"/>).</summary>
        public int TotalBytes { get; private set; }
        public long BandWh(int band) => _bandsWh[band];
        /// <summary>A health record's figure (runtime/Health/HealthFigures.cs; <see cref="Number"/> of them).</summary>
        public int HealthFigure(int figure) => _fields.Reset(_buffer, _healthAt + 4 * figure, 4).Int32();
        public bool HasSessionId => _sessionIdAt >= 0;

        /// <summary>The buffer the current record's strings are in, each a length byte then UTF-8 (for encoding them in place).</summary>
        public byte[] Buffer => _buffer;
        /// <summary>Where in <see cref="Buffer"/> a string of the current record starts (its length byte), -1 when the record has none.</summary>
        public int SessionIdAt => _sessionIdAt;
        public int IdTagAt => _idTagAt;
        public int KeyAt => _keyAt;
        public int ValueAt => _valueAt;

        /// <summary>Forgets the buffered bytes: the file was rewritten or appended to since they were read.</summary>
        public void Forget() => _buffered = 0;

        /// <summary>Starts again at the beginning of the file.</summary>
        public void Rewind()
        {
            FileLength = _store.Length(_fileName);
            End = 0;
            _buffered = 0;
        }

        /// <summary>Moves to the next record that checks out, over damage (<see cref="SkippedBytes"/>).</summary>
        /// <returns>false at the end of the believed records</returns>
        public bool Next()
        {
            if (!Search(End))
                return false;
            End = Offset + Length;
            return true;
        }

        /// <summary>
        /// Moves to the first record that checks out at or after <paramref name="offset"/>. A false start inside damage
        /// would need a length in range, a CRC-32 that matches, a known kind and fields that fit: far less likely than the
        /// damage itself. Most offsets fail at the length; the search stays inside the buffer a flash read fills.
        /// </summary>
        public bool ReadFrom(int offset)
        {
            FileLength = _store.Length(_fileName);
            return Search(offset);
        }

        private bool Search(int offset)
        {
            SkippedBytes = 0;
            for (var at = offset; at + MinRecordBytes <= FileLength; at++)
                if (Decode(at))
                {
                    SkippedBytes = at - offset;
                    return true;
                }
            return false;
        }

        /// <summary>
        /// Appends the damage before the current record, its first <paramref name="maxBytes"/> at most, to another file
        /// through the reader's buffer, then reads the current record again.
        /// </summary>
        public bool CopySkippedTo(string fileName, int maxBytes)
        {
            var record = Offset;
            var end = SkippedAt + (SkippedBytes < maxBytes ? SkippedBytes : maxBytes);
            for (var at = SkippedAt; at < end; at += BufferBytes)
            {
                var count = end - at < BufferBytes ? end - at : BufferBytes;
                if (!Load(at, count) || !_store.Append(fileName, _buffer, at - _bufferAt, count))
                    return false;
            }
            return Decode(record);
        }

        /// <summary>Moves to the record at <paramref name="offset"/> (one found by an earlier pass), for reading it whole.</summary>
        public bool ReadAt(int offset)
        {
            FileLength = _store.Length(_fileName);
            SkippedBytes = 0;
            return Decode(offset);
        }

        /// <summary>Appends the current record, byte for byte, to another file.</summary>
        public bool CopyTo(string fileName) => _store.Append(fileName, _buffer, _start, Length);

        /// <summary>Whether the current record is, byte for byte, the record in <paramref name="record"/> (its length first).</summary>
        public bool Matches(byte[] record)
        {
            if ((record[0] | (record[1] << 8)) != Length)
                return false;
            for (var i = 0; i < Length; i++)
                if (_buffer[_start + i] != record[i])
                    return false;
            return true;
        }

        /// <summary>Whether the current record's session id is <paramref name="id"/> (length-prefixed, as <see cref="CopySessionId"/> wrote it).</summary>
        public bool SessionIdIs(byte[] id)
        {
            if (_sessionIdAt < 0)
                return false;
            var count = _buffer[_sessionIdAt] + 1;
            for (var i = 0; i < count; i++)
                if (_buffer[_sessionIdAt + i] != id[i])
                    return false;
            return true;
        }

        /// <summary>Copies the current record's session id, length byte first, into a buffer of at least <see cref="Journal.MaxRecordBytes"/>.</summary>
        public void CopySessionId(byte[] into) => System.Array.Copy(_buffer, _sessionIdAt, into, 0, _buffer[_sessionIdAt] + 1);

        /// <summary>The current record as an object with its strings: allocates, for the few records a boot hands on.</summary>
        public JournalRecord Record()
        {
            var record = new JournalRecord
            {
                Kind = Kind, Sequence = Sequence, Code = Code, Number = Number, Wh = Wh, UnixS = UnixS, UptimeMs = UptimeMs,
                StartWh = StartWh, Active = Active, Latched = Latched, Offset = Offset, Length = Length,
            };
            if (_sessionIdAt >= 0)
                record.SessionId = StringAt(_sessionIdAt);
            if (_idTagAt >= 0)
                record.IdTag = StringAt(_idTagAt);
            return record;
        }

        private string StringAt(int at) => _fields.Reset(_buffer, at, _start + Length - Journal.CrcBytes - at).String();

        private bool Decode(int offset)
        {
            if (!Load(offset, 2))
                return false;
            var at = offset - _bufferAt;
            var length = _buffer[at] | (_buffer[at + 1] << 8);
            if (length < MinRecordBytes || length > Journal.MaxRecordBytes || !Load(offset, length))
                return false;
            _start = offset - _bufferAt;
            if (!Crc32.Verify(_buffer, _start, length))
                return false;
            Offset = offset;
            Length = length;
            return Fields();
        }

        /// <summary>Makes the file's bytes [offset, offset + count) present in the buffer, reading from flash if needed.</summary>
        private bool Load(int offset, int count)
        {
            if (offset + count > FileLength)
                return false;
            if (offset >= _bufferAt && offset + count <= _bufferAt + _buffered)
                return true;
            _bufferAt = offset;
            _buffered = 0;
            while (_buffered < BufferBytes && offset + _buffered < FileLength)
            {
                var read = _store.Read(_fileName, offset + _buffered, _buffer, _buffered, BufferBytes - _buffered);
                if (read <= 0)
                    break;
                _buffered += read;
            }
            return _buffered >= count;
        }

        private bool Fields()
        {
            var fields = _fields.Reset(_buffer, _start + 2, Length - 2 - Journal.CrcBytes);
            Kind = (JournalRecordKind)fields.Byte();
            Sequence = fields.Int64();
            Code = Number = 0;
            Wh = UnixS = UptimeMs = 0;
            StartWh = -1;
            BandCount = 0;
            SolarWh = -1;
            Active = Latched = false;
            _sessionIdAt = _idTagAt = _keyAt = _valueAt = -1;
            switch (Kind)
            {
                case JournalRecordKind.Boot:
                    Number = fields.Int32();
                    Code = fields.Byte();
                    if (!fields.AtEnd)
                    {
                        UptimeMs = fields.Int64();
                        UnixS = fields.Int64();
                    }
                    break;
                case JournalRecordKind.SessionOpen:
                    _sessionIdAt = fields.SkipString();
                    _idTagAt = fields.SkipString();
                    UnixS = fields.Int64();
                    Wh = fields.Int64();
                    Code = fields.Byte();
                    if (!fields.AtEnd)
                        UptimeMs = fields.Int64();
                    break;
                case JournalRecordKind.SessionCheckpoint:
                    _sessionIdAt = fields.SkipString();
                    Wh = fields.Int64();
                    Number = fields.Int32();
                    break;
                case JournalRecordKind.SessionClose:
                    _sessionIdAt = fields.SkipString();
                    Code = fields.Byte();
                    Wh = fields.Int64();
                    Number = fields.Byte();
                    UnixS = fields.Int64();
                    if (!fields.AtEnd)
                    {
                        UptimeMs = fields.Int64();
                        _idTagAt = fields.SkipString();
                        StartWh = fields.Int64();
                    }
                    if (!fields.AtEnd)
                        ReadShares(fields);
                    break;
                case JournalRecordKind.Console:
                    Active = fields.Byte() != 0; // accepted
                    _sessionIdAt = fields.SkipString(); // the action
                    _idTagAt = fields.SkipString();     // the reason, "" when accepted
                    UnixS = fields.Int64();
                    if (!fields.AtEnd)
                        UptimeMs = fields.Int64(); // absent in records written before console events went to the platform
                    break;
                case JournalRecordKind.Fault:
                    Code = fields.Byte();
                    var flags = fields.Byte();
                    Active = (flags & 1) != 0;
                    Latched = (flags & 2) != 0;
                    Number = fields.Int32();
                    UnixS = fields.Int64();
                    if (!fields.AtEnd)
                        UptimeMs = fields.Int64();
                    break;
                case JournalRecordKind.OutboxAck:
                case JournalRecordKind.OutboxDropped:
                    Wh = fields.Int64(); // the cursor's sequence, or the dropped count
                    break;
                case JournalRecordKind.Update:
                    Code = fields.Byte();             // the state
                    _keyAt = fields.SkipString();     // the reason or file, "" for none
                    Number = fields.Int32();          // the version
                    StartWh = fields.Int32();         // the version before
                    Wh = fields.Int32();              // bytes staged
                    TotalBytes = fields.Int32();
                    UptimeMs = fields.Int64();
                    UnixS = fields.Int64();
                    if (!fields.AtEnd)
                        _valueAt = fields.SkipString(); // the package, "" for none; absent in a record written before it was kept
                    break;
                case JournalRecordKind.ConfigChange:
                    _keyAt = fields.SkipString();
                    _valueAt = fields.SkipString();
                    Active = fields.Byte() != 0; // applies at the next boot
                    UptimeMs = fields.Int64();
                    UnixS = fields.Int64();
                    break;
                case JournalRecordKind.HealthWarning:
                    Code = fields.Byte();     // the warning
                    Number = fields.Int32();  // the figure
                    Wh = fields.Int32();      // the threshold it reached
                    UnixS = fields.Int64();
                    UptimeMs = fields.Int64();
                    break;
                case JournalRecordKind.Health:
                    Number = fields.Byte(); // how many figures: read in place (HealthFigure)
                    _healthAt = fields.Position;
                    for (var i = 0; i < Number; i++)
                        fields.Int32();
                    UnixS = fields.Int64();
                    UptimeMs = fields.Int64();
                    break;
                default:
                    return false; // a kind this firmware does not know: written by a newer one, or damage the CRC missed
            }
            return !fields.Failed;
        }

        /// <summary>A close's bands (a count, 0 for none, then the figures) and its solar share after them (absent in older closes).</summary>
        private void ReadShares(ByteReader fields)
        {
            var count = fields.Byte();
            if (count != Journal.MaxBands && count != 0)
                return; // a count this firmware does not write: no bands rather than wrong ones
            for (var i = 0; i < count; i++)
                _bandsWh[i] = fields.Int32();
            BandCount = count;
            if (!fields.AtEnd)
                SolarWh = fields.Int32();
        }
    }
}
