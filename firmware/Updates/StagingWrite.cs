using ChargeController.Firmware.Handoff;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The update's flash work, done by the storage thread (<see cref="FlashWrites"/>) so the control thread never waits
    /// for flash: one job at a time, prepared by <see cref="UpdateAgent"/> and left untouched by it until done. A chunk
    /// is appended to its staged file, flushed (durable before the next is asked for) and hashed as it goes; a staged
    /// file found after a reboot is measured and hashed again from its start, at most <see cref="RehashSliceBytes"/> a
    /// job, so no wake-up of the storage thread is long; a file's end gives its digest; the update record is replaced whole. Nothing is allocated after construction.
    /// </summary>
    public sealed class StagingWrite : IFlashWrite
    {
        public const int Append = 1;
        public const int Measure = 2;
        public const int Rehash = 3;
        public const int Finish = 4;
        public const int SaveRecord = 5;
        public const int Discard = 6;

        /// <summary>Bytes of a staged file hashed again per job (16 KB: a few hundred ms of the storage thread on the device).</summary>
        public const int RehashSliceBytes = 16 * 1024;
        private const int ReadBytes = 512;

        private readonly IFileStore _store;
        private readonly Sha256 _hash = new Sha256();
        private readonly byte[] _read = new byte[ReadBytes];
        private readonly byte[] _digest = new byte[Sha256.DigestBytes];
        private readonly byte[] _recordBytes = new byte[UpdateRecord.MaxBytes];
        private readonly ByteWriter _recordWriter;
        private readonly UpdateRecord _record = new UpdateRecord();

        private int _job;
        private string _file;
        private byte[] _data;
        private int _dataStart;
        private int _dataCount;

        public StagingWrite(IFileStore store)
        {
            _store = store;
            _recordWriter = new ByteWriter(_recordBytes);
        }

        /// <summary>After a <see cref="Measure"/> or <see cref="Rehash"/>: the staged file's length, and how much of it is hashed.</summary>
        public int StagedBytes { get; private set; }
        public int HashedBytes { get; private set; }

        /// <summary>Appends <paramref name="count"/> bytes of <paramref name="data"/> to <paramref name="file"/> and hashes them.</summary>
        public StagingWrite ToAppend(string file, byte[] data, int start, int count)
        {
            _job = Append;
            _file = file;
            _data = data;
            _dataStart = start;
            _dataCount = count;
            return this;
        }

        /// <summary>Measures <paramref name="file"/> and starts its hash again; a file longer than <paramref name="sizeBytes"/> is discarded.</summary>
        public StagingWrite ToMeasure(string file, int sizeBytes)
        {
            _job = Measure;
            _file = file;
            _dataCount = sizeBytes;
            return this;
        }

        /// <summary>Hashes the next slice of the measured file.</summary>
        public StagingWrite ToRehash()
        {
            _job = Rehash;
            return this;
        }

        /// <summary>The staged file's digest, into <see cref="Digest"/>.</summary>
        public StagingWrite ToFinish()
        {
            _job = Finish;
            return this;
        }

        public StagingWrite ToSave(UpdateRecord record)
        {
            _job = SaveRecord;
            _record.CopyFrom(record);
            return this;
        }

        public StagingWrite ToDiscard(string file)
        {
            _job = Discard;
            _file = file;
            return this;
        }

        /// <summary>The digest <see cref="Finish"/> computed (valid until the next job).</summary>
        public byte[] Digest => _digest;

        public bool Write()
        {
            switch (_job)
            {
                case Append:
                    if (!_store.Append(_file, _data, _dataStart, _dataCount) || !_store.Flush(_file))
                        return false;
                    _hash.Update(_data, _dataStart, _dataCount);
                    StagedBytes += _dataCount;
                    HashedBytes = StagedBytes;
                    return true;
                case Measure:
                    _hash.Reset();
                    HashedBytes = 0;
                    StagedBytes = _store.Length(_file);
                    if (StagedBytes > _dataCount)
                    {
                        StagedBytes = 0;
                        return _store.Delete(_file);
                    }
                    return true;
                case Rehash:
                    return HashSlice();
                case Finish:
                    _hash.Final(_digest);
                    return true;
                case SaveRecord:
                    return _store.Replace(UpdateRecord.FileName, _recordBytes, 0, _record.Encode(_recordBytes, _recordWriter));
                case Discard:
                    StagedBytes = HashedBytes = 0;
                    _hash.Reset();
                    return !_store.Exists(_file) || _store.Delete(_file);
            }
            return false;
        }

        private bool HashSlice()
        {
            var end = HashedBytes + RehashSliceBytes < StagedBytes ? HashedBytes + RehashSliceBytes : StagedBytes;
            while (HashedBytes < end)
            {
                var want = end - HashedBytes < ReadBytes ? end - HashedBytes : ReadBytes;
                var got = _store.Read(_file, HashedBytes, _read, 0, want);
                if (got != want)
                    return false;
                _hash.Update(_read, 0, got);
                HashedBytes += got;
            }
            return true;
        }
    }
}
