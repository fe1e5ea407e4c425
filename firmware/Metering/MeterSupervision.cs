namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// Over-current and weld detection by current run on fresh plausible meter readings only. While the contactor is
    /// closed and none has come for the freshness time (counted from the close, so the first charging poll has time to
    /// arrive), those protections are off: the pile is unsupervised, says so, and limits what it advertises, until a
    /// fresh plausible reading comes back.
    /// </summary>
    public sealed class MeterSupervision
    {
        private readonly int _freshMs;
        private long _closedSinceMs = -1;

        public MeterSupervision(int freshMs)
        {
            _freshMs = freshMs;
        }

        public bool Unsupervised { get; private set; }

        /// <param name="latest">the newest plausible reading, or null before the first</param>
        public void Update(MeterReading latest, bool contactorClosed, long nowMs)
        {
            if (!contactorClosed)
                _closedSinceMs = -1;
            else if (_closedSinceMs < 0)
                _closedSinceMs = nowMs;
            if (latest != null && nowMs - latest.TimeMs <= _freshMs)
                Unsupervised = false;
            else if (contactorClosed && nowMs - _closedSinceMs > _freshMs)
                Unsupervised = true;
        }
    }
}
