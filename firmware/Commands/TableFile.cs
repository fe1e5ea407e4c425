using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// One table in one file: a format byte, the table's bytes and a CRC-32 seal, written by an atomic replace, so a power
    /// cut leaves the old table or the new one, and a file that does not check out is not believed. As an
    /// <see cref="IFlashWrite"/> it saves the table last <see cref="Stage"/>d, on the storage thread.
    /// </summary>
    public sealed class TableFile : IFlashWrite
    {
        private const int Format = 1;
        private readonly IFileStore _store;
        private readonly string _name;
        private readonly byte[] _buffer;
        private readonly ByteWriter _writer;
        private IStoredTable _staged;

        /// <param name="maxBytes">the largest table's bytes (the format byte and the seal come on top)</param>
        public TableFile(IFileStore store, string name, int maxBytes)
        {
            _store = store;
            _name = name;
            _buffer = new byte[maxBytes + 5];
            _writer = new ByteWriter(_buffer);
        }

        public string Name => _name;

        /// <summary>The table <see cref="Write"/> saves; the caller leaves it untouched until the write is done.</summary>
        public IFlashWrite Stage(IStoredTable table)
        {
            _staged = table;
            return this;
        }

        public bool Write() => Save(_staged);

        public bool Save(IStoredTable table)
        {
            _writer.Reset(_buffer, 0);
            _writer.PutByte(Format);
            table.Write(_writer);
            var count = _writer.Position;
            if (_writer.Overflowed || count + 4 > _buffer.Length)
                return false;
            Crc32.Seal(_buffer, 0, count);
            return _store.Replace(_name, _buffer, 0, count + 4);
        }

        /// <returns>false when the file is absent or does not check out (the table keeps what it had)</returns>
        public bool Load(IStoredTable table)
        {
            var length = _store.Length(_name);
            if (length < 5 || length > _buffer.Length || _store.Read(_name, 0, _buffer, 0, length) != length)
                return false;
            if (!Crc32.Verify(_buffer, 0, length) || _buffer[0] != Format)
                return false;
            var reader = new ByteReader(_buffer, 1, length - 5);
            return table.Read(reader) && !reader.Failed;
        }
    }
}
