namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The handshake between the control thread and the journal: a session's contactor closes only once its open record
    /// is durable, so a power cut can never leave energy delivered with no session on record. The storage side writes,
    /// the control side reads; single words, so no lock is needed.
    /// </summary>
    public sealed class SessionLedger
    {
        private string _recordedOpen;
        private bool _failing;
        private bool _full;

        /// <summary>The id of the last session whose open record is durable.</summary>
        public string RecordedOpen => _recordedOpen;

        /// <summary>The flash refused the last journal write (broken, or its partition full): the record waits for a retry.</summary>
        public bool Failing => _failing;

        /// <summary>The journal is at its ceiling with what it must keep: the record waits until the outbox drains.</summary>
        public bool Full => _full;

        /// <summary>A record waits for a retry, and every later one behind it: a new session's open could not be durable.</summary>
        public bool Holding => _failing || _full;

        public void Recorded(string sessionId)
        {
            _recordedOpen = sessionId;
            WriteSucceeded();
        }

        /// <param name="full">the journal was at its ceiling (<see cref="Journal.Full"/>), rather than refused by the flash</param>
        public void WriteFailed(bool full)
        {
            _full = full;
            _failing = !full;
        }

        /// <summary>A later write went through: storage works again.</summary>
        public void WriteSucceeded()
        {
            _failing = false;
            _full = false;
        }
    }
}
