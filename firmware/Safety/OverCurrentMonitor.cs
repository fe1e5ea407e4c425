namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// EV over-current: at an advertised limit of 20 A or less, more than limit + 2 A; above 20 A, more than 1.1 x limit;
    /// either for the trip time. After any lowering of the pilot the vehicle gets a grace period to follow (IEC: 5 s), so
    /// a car that is slow to follow a demand-response cut is not tripped.
    /// </summary>
    public sealed class OverCurrentMonitor
    {
        private const int SmallLimitMa = 20000;
        private const int SmallMarginMa = 2000;

        private readonly int _graceMs;
        private readonly int _tripMs;
        private int _lastAdvertisedMa;
        private long _graceUntilMs;
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
            if (advertisedMa < _lastAdvertisedMa)
                _graceUntilMs = nowMs + _graceMs;
            _lastAdvertisedMa = advertisedMa;
            var over = contactorClosed && measured && nowMs >= _graceUntilMs && currentMa > ThresholdMa(advertisedMa);
            return _over.Holds(over, nowMs, _tripMs);
        }
    }
}
