namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// EV over-current: at an advertised limit of 20 A or less, more than limit + 2 A; above 20 A, more than 1.1 x limit;
    /// either for the trip time. After any lowering of the pilot the vehicle gets a grace period to follow (IEC: 5 s), so
    /// a car that is slow to follow a demand-response cut is not tripped. During the grace the limit that was in force
    /// before it still holds: a car already over that limit stays over-current, so lowering again and again (steps of
    /// demand response, a link-down fallback) never keeps a disobeying car charging.
    /// </summary>
    public sealed class OverCurrentMonitor
    {
        private const int SmallLimitMa = 20000;
        private const int SmallMarginMa = 2000;

        private readonly int _graceMs;
        private readonly int _tripMs;
        private int _lastAdvertisedMa;
        private long _graceUntilMs;
        private int _graceLimitMa;
        private readonly ConditionTimer _over = new ConditionTimer();

        public OverCurrentMonitor(int graceMs, int tripMs)
        {
            _graceMs = graceMs;
            _tripMs = tripMs;
        }

        public static int ThresholdMa(int advertisedMa) =>
            advertisedMa <= SmallLimitMa ? advertisedMa + SmallMarginMa : advertisedMa + advertisedMa / 10;

        /// <param name="advertisedMa">what the pilot advertises now (0 while it is off)</param>
        /// <returns>true while the over-current condition holds</returns>
        public bool Update(int advertisedMa, bool measured, int currentMa, bool contactorClosed, long nowMs)
        {
            var inGrace = nowMs < _graceUntilMs;
            if (advertisedMa < _lastAdvertisedMa)
            {
                if (!inGrace)
                    _graceLimitMa = _lastAdvertisedMa;
                _graceUntilMs = nowMs + _graceMs;
                inGrace = true;
            }
            _lastAdvertisedMa = advertisedMa;
            var limitMa = inGrace && _graceLimitMa > advertisedMa ? _graceLimitMa : advertisedMa;
            var over = contactorClosed && measured && currentMa > ThresholdMa(limitMa);
            return _over.Holds(over, nowMs, _tripMs);
        }
    }
}
