using System.Threading;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The handshake between the control thread and the journal: a session's contactor closes only once its open record
    /// is durable, so a power cut can never leave energy delivered with no session on record. The storage side writes,
    /// the control side reads, each word with Interlocked (docs/architecture.md, What crosses between threads): the
    /// write state is one int, and the recorded id is stored before its count is published, so a reader that sees the
    /// count sees the id.
    /// </summary>
    public sealed class SessionLedger
    {
        private const int WritingState = 0;
        private const int FailingState = 1;
        private const int FullState = 2;

        private string _recordedOpen;
        private int _recordedCount;
        private int _state;
        private int _journalDamaged;

        /// <summary>The id of the last session whose open record is durable.</summary>
        public string RecordedOpen
        {
            get
            {
                Interlocked.CompareExchange(ref _recordedCount, 0, 0); // the id was stored before the count moved
                return _recordedOpen;
            }
        }

        /// <summary>The flash refused the last journal write (broken, or its partition full): the record waits for a retry.</summary>
        public bool Failing => State == FailingState;

        /// <summary>The journal is at its ceiling with what it must keep: the record waits until the outbox drains.</summary>
        public bool Full => State == FullState;

        /// <summary>A record waits for a retry, and every later one behind it: a new session's open could not be durable.</summary>
        public bool Holding => State != WritingState;

        private int State => Interlocked.CompareExchange(ref _state, 0, 0);

        public void Recorded(string sessionId)
        {
            _recordedOpen = sessionId;
            Interlocked.Increment(ref _recordedCount);
            WriteSucceeded();
        }

        /// <param name="full">the journal was at its ceiling (<see cref="Journal.Full"/>), rather than refused by the flash</param>
        public void WriteFailed(bool full) => Interlocked.Exchange(ref _state, full ? FullState : FailingState);

        /// <summary>Storage side: a pass over the journal found damage it was not known to hold.</summary>
        public void JournalDamaged() => Interlocked.Exchange(ref _journalDamaged, 1);

        /// <summary>Control side: whether damage was found since the last call (the journal-damaged fault's condition, one tick long).</summary>
        public bool TakeJournalDamage() => Interlocked.Exchange(ref _journalDamaged, 0) != 0;

        /// <summary>A later write went through: storage works again.</summary>
        public void WriteSucceeded() => Interlocked.Exchange(ref _state, WritingState);
    }
}
