namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// EV over-current: at an advertised limit of 20 A or less, more than limit + 2 A; above 20 A, more than 1.1 x limit;
    /// either for the trip time. After any lowering of the pilot the vehicle gets a grace period to follow (IEC: 5 s), so
    /// a car that is slow to follow a demand-response cut is not tripped. During the grace the limit that was in force
    /// before it still holds: a car already over that limit stays over-current, so lowering again and again (steps of
    /// demand response, a link-down fallback) never keeps a disobeying car charging. Each lowering has its own grace: a
    /// second one does not stretch the first's, so the higher limit holds only for its own 5 s.
    /// </summary>
    public sealed class OverCurrentMonitor
    {
        private const int SmallLimitMa = 20000;
        private const int SmallMarginMa = 2000;

        private readonly int _graceMs;
        private readonly int _tripMs;
        /// <summary>Lowerings whose grace may still run; when more come within one grace, the highest goes first (stricter).</summary>
        private const int GraceSlots = 4;

        private int _lastAdvertisedMa;
        private readonly long[] _graceUntilMs = new long[GraceSlots];
        private readonly int[] _graceLimitMa = new int[GraceSlots];
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
                StartGrace(_lastAdvertisedMa, nowMs);
            _lastAdvertisedMa = advertisedMa;
            var limitMa = LimitInForceMa(advertisedMa, nowMs);
            var over = contactorClosed && measured && currentMa > ThresholdMa(limitMa);
            return _over.Holds(over, nowMs, _tripMs);
        }

        /// <summary>The advertised limit, or a higher one lowered from less than a grace ago.</summary>
        private int LimitInForceMa(int advertisedMa, long nowMs)
        {
            var limitMa = advertisedMa;
            for (var i = 0; i < GraceSlots; i++)
                if (nowMs < _graceUntilMs[i] && _graceLimitMa[i] > limitMa)
                    limitMa = _graceLimitMa[i];
            return limitMa;
        }

        /// <summary>
        /// The limit advertised before this lowering holds for one grace from now; an older, higher one keeps its own. It
        /// takes a free slot, one it supersedes (no higher, ending sooner), or else the highest: that grace ends early,
        /// never late.
        /// </summary>
        private void StartGrace(int limitMa, long nowMs)
        {
            var slot = 0;
            for (var i = 0; i < GraceSlots; i++)
            {
                var free = nowMs >= _graceUntilMs[i] || _graceLimitMa[i] <= limitMa;
                if (free || _graceLimitMa[i] > _graceLimitMa[slot])
                    slot = i;
                if (free)
                    break;
            }
            _graceLimitMa[slot] = limitMa;
            _graceUntilMs[slot] = nowMs + _graceMs;
        }
    }
}
