namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Compares the contactor's auxiliary contact with the command: still closed the feedback time after opening is a
    /// welded contactor; still open the feedback time after closing is one that does not pull in.
    /// </summary>
    public sealed class ContactorMonitor
    {
        private readonly int _feedbackMs;
        private bool _lastCommand;
        private long _commandSinceMs;

        public ContactorMonitor(int feedbackMs)
        {
            _feedbackMs = feedbackMs;
        }

        public bool Welded { get; private set; }
        public bool StuckOpen { get; private set; }

        public void Update(bool commandClosed, bool feedbackClosed, long nowMs)
        {
            if (commandClosed != _lastCommand)
            {
                _lastCommand = commandClosed;
                _commandSinceMs = nowMs;
            }
            var settled = nowMs - _commandSinceMs >= _feedbackMs;
            Welded = settled && !commandClosed && feedbackClosed;
            StuckOpen = settled && commandClosed && !feedbackClosed;
        }
    }
}
