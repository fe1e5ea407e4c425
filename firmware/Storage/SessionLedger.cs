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

        /// <summary>The id of the last session whose open record is durable.</summary>
        public string RecordedOpen => _recordedOpen;

        /// <summary>The last journal write failed (flash full or broken).</summary>
        public bool Failing => _failing;

        public void Recorded(string sessionId)
        {
            _recordedOpen = sessionId;
            _failing = false;
        }

        public void WriteFailed() => _failing = true;

        /// <summary>A later write went through: storage works again.</summary>
        public void WriteSucceeded() => _failing = false;
    }
}
