namespace ChargeController.Loader
{
    /// <summary>
    /// Keeps <see cref="SlotState"/> safe through a power cut at any byte: two copies, "slots-a.bin" and "slots-b.bin",
    /// each a fixed-size record with a sequence number and a CRC-32. A save overwrites the older copy, so a cut tears at
    /// most the copy being written and the other still holds the state before; a load takes the valid copy with the
    /// higher sequence number. Neither copy valid (a fresh pile, or a flash that lost both) reads as no state at all.
    /// </summary>
    public sealed class SlotStateStore
    {
        public const string FileA = "slots-a.bin";
        public const string FileB = "slots-b.bin";
        public const int RecordBytes = 80; // 70 used: 20 of numbers, two reasons of 1 + 24, the CRC at the end
        private const int Format = 1;
        private const int ReasonBytes = 24;

        private readonly ILoaderFiles _files;
        private readonly byte[] _record = new byte[RecordBytes];
        private readonly ByteWriter _writer;
        private readonly ByteReader _reader;

        public SlotStateStore(ILoaderFiles files)
        {
            _files = files;
            _writer = new ByteWriter(_record);
            _reader = new ByteReader(_record, 0, RecordBytes);
        }

        /// <returns>true with <paramref name="state"/> filled from the newer valid copy; false (state untouched) when there is none</returns>
        public bool Load(SlotState state)
        {
            var sequenceA = Sequence(FileA);
            var sequenceB = Sequence(FileB);
            if (sequenceA < 0 && sequenceB < 0)
                return false;
            Sequence(sequenceA > sequenceB ? FileA : FileB); // back into the record buffer
            _reader.Reset(_record, 5, RecordBytes - 9);
            state.ActiveSlot = (sbyte)_reader.Byte();
            state.Trial = _reader.Byte() != 0;
            state.TrialBoots = _reader.Byte();
            state.RunningVersion = _reader.Int32();
            state.PreviousVersion = _reader.Int32();
            state.HighestVersion = _reader.Int32();
            state.TrialFailure = Reason(_reader.String());
            state.LastRollbackReason = Reason(_reader.String());
            return true;
        }

        /// <summary>Writes the state over the older copy, or over a torn or missing one, with the next sequence number.</summary>
        public bool Save(SlotState state)
        {
            var sequenceA = Sequence(FileA);
            var sequenceB = Sequence(FileB);
            var intoA = sequenceA <= sequenceB;
            for (var i = 0; i < RecordBytes; i++)
                _record[i] = 0;
            _writer.Reset(_record, 0);
            _writer.PutByte(Format);
            _writer.PutInt32((sequenceA > sequenceB ? sequenceA : sequenceB) + 1); // a few saves per update: never near 2^31
            _writer.PutByte(state.ActiveSlot);
            _writer.PutByte(state.Trial ? 1 : 0);
            _writer.PutByte(state.TrialBoots > 255 ? 255 : state.TrialBoots);
            _writer.PutInt32(state.RunningVersion);
            _writer.PutInt32(state.PreviousVersion);
            _writer.PutInt32(state.HighestVersion);
            _writer.PutString(state.TrialFailure ?? "", ReasonBytes);
            _writer.PutString(state.LastRollbackReason ?? "", ReasonBytes);
            Crc32.Seal(_record, 0, RecordBytes - 4);
            return _files.Write(intoA ? FileA : FileB, _record, 0, RecordBytes);
        }

        /// <returns>the copy's sequence number with the copy in the record buffer, or -1 when the copy is missing or torn</returns>
        private int Sequence(string file)
        {
            if (_files.Length(file) != RecordBytes || _files.Read(file, 0, _record, 0, RecordBytes) != RecordBytes ||
                !Crc32.Verify(_record, 0, RecordBytes) || _record[0] != Format)
                return -1;
            _reader.Reset(_record, 1, 4);
            return _reader.Int32();
        }

        private static string Reason(string text) => text.Length == 0 ? null : text;
    }
}
