using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// Reads and writes <see cref="ConsoleAccessRecord"/> as a small checksummed binary file, replaced atomically. It is
    /// kept apart from config.txt so that the PIN hash never appears in `config list`, in the generated configuration
    /// doc, or in anything that copies the configuration to the platform. Loading happens at boot, before the threads
    /// start; a save goes to the storage thread (<see cref="FlashWrites"/>: the control thread never waits for flash).
    /// The storage thread writes this store's one buffer, so the buffer is never rewritten while its write is queued: a
    /// save asked for meanwhile waits and goes out as soon as the earlier write is done (<see cref="Pump"/>), with the
    /// record as it is then. Flash never gets a torn record, and always the latest one.
    /// </summary>
    public sealed class ConsoleAccessStore : IFlashWrite
    {
        public const string FileName = "console.bin";
        private const int Version = 1;
        private const int FlagFactoryPin = 1;
        private const int FlagLocked = 2;
        private const int Bytes = 3 + PinHasher.SaltBytes + Sha256.DigestBytes + 4;
        /// <summary>After a failed write the record is written again this much later (not at every pass: a failing flash is not hammered).</summary>
        public const int RetryAfterFailureMs = 5000;

        private readonly IFileStore _store;
        private readonly FlashTicket _write;
        private readonly byte[] _buffer = new byte[Bytes];
        private ConsoleAccessRecord _waiting;
        private ConsoleAccessRecord _last;
        private long _retryAtMs;
        // saves asked for, the save the queued write carries, and the newest whose write has finished (and how)
        private int _requested;
        private int _posted;
        private int _settled;
        private bool _settledHeld;

        public ConsoleAccessStore(IFileStore store, FlashWrites writes)
        {
            _store = store;
            _write = new FlashTicket(writes);
        }

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

        /// <summary>Control thread: <paramref name="record"/> is to be stored as it is now, or as it is when an earlier save is done.</summary>
        /// <returns>the save's number, for <see cref="Settled"/></returns>
        public int Save(ConsoleAccessRecord record)
        {
            _waiting = record;
            _last = record;
            _requested++;
            CollectFinished();
            PostWaiting();
            return _requested;
        }

        /// <summary>Control thread: the write carrying save <paramref name="save"/> (or a later one) has finished.</summary>
        public bool Settled(int save) => _settled >= save;

        /// <summary>Control thread: every save asked for has been written (or its write failed).</summary>
        public bool AllSettled => _settled >= _requested;

        /// <summary>Control thread, once <see cref="Settled"/>: whether that write held.</summary>
        public bool Held => _settledHeld;

        /// <summary>
        /// Control thread, every pass: a waiting save goes to the storage thread once no earlier one is queued; a record
        /// whose write failed is written again <see cref="RetryAfterFailureMs"/> later, so a lock-out reaches the flash
        /// even when no later save comes (none does while logins are locked).
        /// </summary>
        public void Pump(long nowMs)
        {
            if (CollectFinished() && !_settledHeld && _waiting == null)
            {
                _waiting = _last; // the record before it is still in force on flash
                _retryAtMs = nowMs + RetryAfterFailureMs;
            }
            if (nowMs >= _retryAtMs)
                PostWaiting();
        }

        /// <returns>whether a write finished since the last look</returns>
        private bool CollectFinished()
        {
            if (!_write.Pending || !_write.Done)
                return false;
            _settledHeld = _write.Collect();
            _settled = _posted;
            return true;
        }

        private void PostWaiting()
        {
            if (_waiting == null || _write.Pending)
                return; // nothing to save, or the storage thread may be writing the buffer now
            _buffer[0] = Version;
            _buffer[1] = (byte)((_waiting.FactoryPin ? FlagFactoryPin : 0) | (_waiting.Locked ? FlagLocked : 0));
            _buffer[2] = (byte)(_waiting.Failures > 255 ? 255 : _waiting.Failures);
            System.Array.Copy(_waiting.Salt, 0, _buffer, 3, PinHasher.SaltBytes);
            System.Array.Copy(_waiting.PinHash, 0, _buffer, 3 + PinHasher.SaltBytes, Sha256.DigestBytes);
            Crc32.Seal(_buffer, 0, Bytes - 4);
            if (!_write.TryPost(this))
                return;
            _posted = _requested;
            _waiting = null;
        }

        /// <summary>Storage thread.</summary>
        public bool Write() => _store.Replace(FileName, _buffer, 0, Bytes);
    }
}
