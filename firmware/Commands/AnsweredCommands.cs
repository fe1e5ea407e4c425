using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The last <see cref="Capacity"/> commands' ids and results (status, reason, text), so a command sent again with its id
    /// (an MQTT redelivery, the platform's retry after its timeout) is answered with the original result instead of
    /// running twice: in RAM for the control thread, and on flash so the window survives a reboot or a power cut.
    ///
    /// On flash: two files used in turn, each up to <see cref="Capacity"/> records appended one a command
    /// ([length:2][seq:4][id][accepted:1][reason][text][CRC-32]); when the current one is full the other is deleted and
    /// takes the next record, so the two always hold the newest <see cref="Capacity"/> or more. A record torn by a power
    /// cut ends its file's reading (the CRC) and makes the next record start the other file (the older file's entries
    /// are then gone from flash, a rare shrink of the window after a reboot; nothing is misread). As an
    /// <see cref="IFlashWrite"/> it appends the entry last <see cref="Stage"/>d, on the storage thread; the control
    /// thread leaves the window untouched until that write is done. One record is ~30-360 bytes: one append a command.
    /// </summary>
    public sealed class AnsweredCommands : IFlashWrite
    {
        public const int Capacity = 32;
        public const string FileA = "answers-a.bin";
        public const string FileB = "answers-b.bin";
        /// <summary>length, seq, id (64), accepted, reason (32), text (255), each string after its length byte, CRC.</summary>
        private const int MaxRecordBytes = 2 + 4 + 65 + 1 + 33 + 256 + 4;

        private readonly IFileStore _store;
        private readonly string[] _ids = Strings.Filled(new string[Capacity]);
        private readonly bool[] _accepted = new bool[Capacity];
        private readonly string[] _reasons = Strings.Filled(new string[Capacity]);
        private readonly string[] _texts = Strings.Filled(new string[Capacity]);
        private readonly byte[] _buffer = new byte[MaxRecordBytes];
        private readonly ByteWriter _writer;
        private readonly ByteReader _reader;
        private int _next;
        private int _seq;
        private bool _inB;
        private int _inFile;
        private int _staged = -1;

        public AnsweredCommands(IFileStore store)
        {
            _store = store;
            _writer = new ByteWriter(_buffer);
            _reader = new ByteReader(_buffer, 0, 0);
        }

        /// <returns>the entry of <paramref name="id"/>, or -1 when it is not in the window</returns>
        public int Find(string id)
        {
            for (var i = 0; i < Capacity; i++)
                if (_ids[i] == id)
                    return i;
            return -1;
        }

        public bool Accepted(int entry) => _accepted[entry];
        public string Reason(int entry) => _reasons[entry];
        public string Text(int entry) => _texts[entry];

        /// <summary>Control thread: remembers a final result, in place of the oldest.</summary>
        /// <returns>its entry, for <see cref="Stage"/></returns>
        public int Add(string id, bool accepted, string reason, string text)
        {
            var entry = _next;
            _ids[entry] = id;
            _accepted[entry] = accepted;
            _reasons[entry] = reason;
            _texts[entry] = text;
            _next = (_next + 1) % Capacity;
            return entry;
        }

        /// <summary>The entry <see cref="Write"/> appends to flash.</summary>
        public IFlashWrite Stage(int entry)
        {
            _staged = entry;
            return this;
        }

        /// <summary>Storage thread: appends the staged entry to the current file (or starts the other one).</summary>
        public bool Write()
        {
            var entry = _staged;
            _writer.Reset(_buffer, 0);
            _writer.PutByte(0);
            _writer.PutByte(0);
            _writer.PutInt32(_seq++);
            _writer.PutString(_ids[entry]);
            _writer.PutByte(_accepted[entry] ? 1 : 0);
            _writer.PutString(_reasons[entry]);
            _writer.PutString(_texts[entry]);
            var count = _writer.Position;
            if (_writer.Overflowed || count + 4 > _buffer.Length)
                return false; // a text too long for a record: this one stays in RAM only
            _buffer[0] = (byte)(count + 4);
            _buffer[1] = (byte)((count + 4) >> 8);
            Crc32.Seal(_buffer, 0, count);
            if (_inFile >= Capacity)
            {
                _inB = !_inB;
                _store.Delete(Current);
                _inFile = 0;
            }
            var held = _store.Append(Current, _buffer, 0, count + 4) && _store.Flush(Current);
            _inFile = held ? _inFile + 1 : Capacity; // a torn record ends the file: the next one starts the other
            return held;
        }

        /// <summary>At boot, before the threads start: the window from both files, the older first.</summary>
        public void Load()
        {
            var firstA = FirstSeq(FileA);
            var firstB = FirstSeq(FileB);
            var bNewer = firstB >= 0 && (firstA < 0 || firstB > firstA);
            _inB = bNewer;
            LoadFile(_inB ? FileA : FileB); // the older file's records first: the window keeps the newest
            _inFile = LoadFile(Current);
            if (_inFile < 0)
                _inFile = Capacity;
        }

        private string Current => _inB ? FileB : FileA;

        /// <returns>the sequence of the file's first record, or -1 when it has none that checks out</returns>
        private int FirstSeq(string file) => ReadRecord(file, 0) > 0 ? _reader.Reset(_buffer, 2, 4).Int32() : -1;

        /// <returns>the records read, or -1 when the file ends in one that does not check out</returns>
        private int LoadFile(string file)
        {
            var position = 0;
            var records = 0;
            var length = _store.Length(file);
            while (position < length)
            {
                var count = ReadRecord(file, position);
                if (count <= 0)
                    return -1;
                _reader.Reset(_buffer, 2, count - 6);
                var seq = _reader.Int32();
                var id = _reader.String();
                var accepted = _reader.Byte() == 1;
                var reason = _reader.String();
                var text = _reader.String();
                if (_reader.Failed)
                    return -1;
                Add(id, accepted, reason, text);
                if (seq >= _seq)
                    _seq = seq + 1;
                position += count;
                records++;
            }
            return records;
        }

        /// <returns>the record's length at <paramref name="position"/> when it checks out, else 0</returns>
        private int ReadRecord(string file, int position)
        {
            if (_store.Read(file, position, _buffer, 0, 2) != 2)
                return 0;
            var count = _buffer[0] | (_buffer[1] << 8);
            if (count < 10 || count > _buffer.Length || _store.Read(file, position, _buffer, 0, count) != count)
                return 0;
            return Crc32.Verify(_buffer, 0, count) ? count : 0;
        }
    }
}
