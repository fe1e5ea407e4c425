namespace ChargeController.Firmware.Storage
{
    /// <summary>The health records: platform events the storage thread appends when it saves the health record.</summary>
    public sealed partial class Journal
    {
        /// <summary>
        /// The figures the day's health record carries: the health record's all but its last, the day number (the
        /// record's time says it); runtime/Health/HealthFigures.cs, kept in step by a test.
        /// </summary>
        public const int HealthRecordFigures = 31;

        public bool AppendHealthWarning(int warning, int value, int threshold, long unixS, long uptimeMs)
        {
            Begin(JournalRecordKind.HealthWarning);
            _writer.PutByte(warning);
            _writer.PutInt32(value);
            _writer.PutInt32(threshold);
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }

        /// <param name="figures">the health record's figures, int32 each as <see cref="ByteWriter"/> puts them, from <paramref name="at"/></param>
        public bool AppendHealth(byte[] figures, int at, long unixS, long uptimeMs)
        {
            Begin(JournalRecordKind.Health);
            _writer.PutByte(HealthRecordFigures);
            for (var i = 0; i < HealthRecordFigures * 4; i++)
                _writer.PutByte(figures[at + i]);
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }
    }
}
