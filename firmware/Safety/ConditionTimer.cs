namespace ChargeController.Firmware.Safety
{
    /// <summary>Tells whether a condition has held without a break for at least a given time.</summary>
    public sealed class ConditionTimer
    {
        private long _sinceMs = -1;

        public bool Holds(bool condition, long nowMs, long forMs)
        {
            if (!condition)
            {
                _sinceMs = -1;
                return false;
            }
            if (_sinceMs < 0)
                _sinceMs = nowMs;
            return nowMs - _sinceMs >= forMs;
        }
    }
}
