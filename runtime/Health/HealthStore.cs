using ChargeController.Loader;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The health record on flash: [version][figure count][the figures, int32 each][CRC-32], replaced whole (the file
    /// store's replace is atomic: a power cut leaves the old record or the new, never a mix). Written by the storage
    /// thread at most once a day and at a warning or a reset (docs/health.md); read once, at boot.
    /// </summary>
    public sealed class HealthStore
    {
        public const string FileName = "health.bin";
        private const int Version = 1;
        public const int Bytes = 2 + HealthFigures.Count * 4 + 4;

        private readonly IFileStore _store;
        private readonly byte[] _buffer = new byte[Bytes];
        private readonly ByteWriter _writer;

        public HealthStore(IFileStore store)
        {
            _store = store;
            _writer = new ByteWriter(_buffer);
        }

        /// <summary>Reads the record into <paramref name="figures"/>, or clears them when there is none or it does not check out.</summary>
        /// <returns>false when a record was there but did not check out (the figures start again)</returns>
        public bool Load(HealthFigures figures)
        {
            figures.Clear();
            if (!_store.Exists(FileName))
                return true;
            if (_store.Length(FileName) != Bytes || _store.Read(FileName, 0, _buffer, 0, Bytes) != Bytes || !Crc32.Verify(_buffer, 0, Bytes))
                return false;
            var reader = new ByteReader(_buffer, 0, Bytes - 4);
            if (reader.Byte() != Version || reader.Byte() != HealthFigures.Count)
                return false;
            for (var i = 0; i < HealthFigures.Count; i++)
                figures[i] = reader.Int32();
            return true;
        }

        public bool Save(HealthFigures figures)
        {
            Seal(figures);
            return Write();
        }

        /// <summary>Encodes <paramref name="figures"/> into the record's buffer (the control thread, for a <see cref="HealthWrite"/>).</summary>
        public void Seal(HealthFigures figures)
        {
            _writer.Reset(_buffer, 0);
            _writer.PutByte(Version);
            _writer.PutByte(HealthFigures.Count);
            for (var i = 0; i < HealthFigures.Count; i++)
                _writer.PutInt32(figures[i]);
            Crc32.Seal(_buffer, 0, Bytes - 4);
        }

        /// <summary>Replaces the record on flash with the sealed buffer (the storage thread).</summary>
        public bool Write() => _store.Replace(FileName, _buffer, 0, Bytes);

        /// <summary>The sealed record; its figures start at <see cref="FiguresAt"/>, int32 each, in the order of <see cref="HealthFigures"/>.</summary>
        public byte[] Buffer => _buffer;

        public const int FiguresAt = 2;
    }
}
