using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Storage
{
    /// <summary>Reads and writes <see cref="BootState"/> as a small checksummed binary file.</summary>
    public sealed class BootStateStore
    {
        public const string FileName = "boot.bin";
        private const int Version = 1;
        private const int Bytes = 17;

        private readonly IFileStore _store;
        private readonly byte[] _buffer = new byte[Bytes];
        private readonly ByteWriter _writer;

        public BootStateStore(IFileStore store)
        {
            _store = store;
            _writer = new ByteWriter(_buffer);
        }

        /// <returns>the state, or null when there is none (first boot) or it does not check out</returns>
        public BootState Load(out bool corrupt)
        {
            corrupt = false;
            if (!_store.Exists(FileName))
                return null;
            if (_store.Read(FileName, 0, _buffer, 0, Bytes) != Bytes || _store.Length(FileName) != Bytes || !Crc32.Verify(_buffer, 0, Bytes))
            {
                corrupt = true;
                return null;
            }
            var reader = new ByteReader(_buffer, 0, Bytes - 4);
            if (reader.Byte() != Version)
            {
                corrupt = true;
                return null;
            }
            return new BootState
            {
                BootNumber = reader.Int32(),
                UnexpectedStreak = reader.Byte(),
                ReachedStable = reader.Byte() != 0,
                Marker = reader.Byte(),
                StalledMs = reader.Int32(),
                CrashLoop = reader.Byte() != 0,
            };
        }

        public bool Save(BootState state)
        {
            _writer.Reset(_buffer, 0);
            _writer.PutByte(Version);
            _writer.PutInt32(state.BootNumber);
            _writer.PutByte(state.UnexpectedStreak > 255 ? 255 : state.UnexpectedStreak);
            _writer.PutByte(state.ReachedStable ? 1 : 0);
            _writer.PutByte(state.Marker);
            _writer.PutInt32(state.StalledMs);
            _writer.PutByte(state.CrashLoop ? 1 : 0);
            Crc32.Seal(_buffer, 0, Bytes - 4);
            return _store.Replace(FileName, _buffer, 0, Bytes);
        }
    }
}
