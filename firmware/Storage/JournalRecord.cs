namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// One record read back from the journal, as an object with its strings: made only for the few records a boot hands on
    /// (open sessions, each fault's last state); passes over the journal read records in place (<see cref="JournalReader"/>).
    /// Which fields mean something depends on <see cref="Kind"/>:
    ///   Boot               Number = boot number, Code = BootReason
    ///   SessionOpen        SessionId, IdTag, UnixS = start, Wh = start reading, Code = session flags
    ///   SessionCheckpoint  SessionId, Wh = reading, Number = uptime s
    ///   SessionClose       SessionId, IdTag, Code = StopReason, Wh = stop reading, Number = session flags, UnixS = stop,
    ///                      StartWh
    ///   Console            SessionId = the action (login, logout, the command line), IdTag = why it was refused ("" when
    ///                      accepted), Active = accepted, UnixS
    ///   Fault              Code = Fault, Active, Latched, Number = retries used, UnixS = when
    ///   OutboxAck          Wh = the outbox cursor's sequence
    ///   OutboxDropped      Wh = platform records dropped by a full outbox, in the pile's life
    ///   ConfigChange       Active = applies at the next boot, UnixS = when (key and value stay in the reader)
    /// </summary>
    public sealed class JournalRecord
    {
        public JournalRecordKind Kind;
        /// <summary>Boot number in the high 32 bits, the record's number within that boot below: never repeats.</summary>
        public long Sequence;
        public int Code;
        public int Number;
        public long Wh;
        public long UnixS;
        /// <summary>The boot's monotonic time of the record (0 in records written before it was kept).</summary>
        public long UptimeMs;
        /// <summary>A session close's start reading, or -1 (none, or a close written before it was kept).</summary>
        public long StartWh;
        public bool Active;
        public bool Latched;
        public string SessionId;
        public string IdTag;
        /// <summary>Where the record starts in the file, and its length in bytes.</summary>
        public int Offset;
        public int Length;
    }
}
