using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// Reads and writes <see cref="ConsoleAccessRecord"/> as a small checksummed binary file, replaced atomically. It is
    /// kept apart from config.txt so that the PIN hash never appears in `config list`, in the generated configuration
    /// doc, or in anything that copies the configuration to the platform. In the running pile a save is handed to the
    /// storage thread (the control thread never waits for flash); loading happens at boot, before the threads start.
    /// </summary>
    public sealed class ConsoleAccessStore : IStorageWrite
    {
        public const string FileName = "console.bin";
        private const int Version = 1;
        private const int FlagFactoryPin = 1;
        private const int FlagLocked = 2;
        private const int Bytes = 3 + PinHasher.SaltBytes + Sha256.DigestBytes + 4;

        private readonly IFileStore _store;
        private readonly StorageHandoff _handoff;
        private readonly byte[] _buffer = new byte[Bytes];

        /// <summary>Saves write at once (tests, tools).</summary>
        public ConsoleAccessStore(IFileStore store)
        {
            _store = store;
        }

        /// <summary>Saves are handed to the storage thread through <paramref name="handoff"/>.</summary>
        public ConsoleAccessStore(IFileStore store, StorageHandoff handoff)
        {
            _store = store;
            _handoff = handoff;
        }

        /// <summary>The bytes of a record in the storage handoff.</summary>
        public static int RecordBytes => Bytes;

        /// <returns>the record, or null when there is none (never set up) or it does not check out</returns>
        public ConsoleAccessRecord Load(out bool corrupt)
        {
            corrupt = false;
            if (!_store.Exists(FileName))
                return null;
            if (_store.Length(FileName) != Bytes || _store.Read(FileName, 0, _buffer, 0, Bytes) != Bytes ||
                !Crc32.Verify(_buffer, 0, Bytes) || _buffer[0] != Version)
            {
                corrupt = true;
                return null;
            }
            var record = new ConsoleAccessRecord
            {
                FactoryPin = (_buffer[1] & FlagFactoryPin) != 0,
                Locked = (_buffer[1] & FlagLocked) != 0,
                Failures = _buffer[2],
            };
            System.Array.Copy(_buffer, 3, record.Salt, 0, PinHasher.SaltBytes);
            System.Array.Copy(_buffer, 3 + PinHasher.SaltBytes, record.PinHash, 0, Sha256.DigestBytes);
            return record;
        }

        /// <returns>whether the record is written (or, with a handoff, queued for writing)</returns>
        public bool Save(ConsoleAccessRecord record)
        {
            _buffer[0] = Version;
            _buffer[1] = (byte)((record.FactoryPin ? FlagFactoryPin : 0) | (record.Locked ? FlagLocked : 0));
            _buffer[2] = (byte)(record.Failures > 255 ? 255 : record.Failures);
            System.Array.Copy(record.Salt, 0, _buffer, 3, PinHasher.SaltBytes);
            System.Array.Copy(record.PinHash, 0, _buffer, 3 + PinHasher.SaltBytes, Sha256.DigestBytes);
            Crc32.Seal(_buffer, 0, Bytes - 4);
            if (_handoff != null)
                return _handoff.TryHand(this, _buffer, Bytes) != 0;
            return _store.Replace(FileName, _buffer, 0, Bytes);
        }

        /// <summary>Storage thread: a handed-over record to flash.</summary>
        public bool Write(IFileStore store, byte[] data, int count) => store.Replace(FileName, data, 0, count);
    }
}
