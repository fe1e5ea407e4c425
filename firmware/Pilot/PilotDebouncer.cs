namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// Holds the last stable pilot state and accepts a new one only after it has been seen without a break for a while.
    /// Towards charging (into C, or D where ventilation is allowed) the wait is long enough to ride out contact bounce when
    /// S2 closes; every other change (S2 opening, unplug, short, D on a pile without ventilation) is accepted quickly,
    /// because the contactor must open within 100 ms of it.
    /// Invalid readings never become the stable state: they are timed separately and become a CP fault if they last.
    /// </summary>
    public sealed class PilotDebouncer
    {
        private readonly int _towardsChargeMs;
        private readonly int _awayMs;
        private readonly bool _ventilationAllowed;
        private PilotState _candidate = PilotState.Unknown;
        private long _candidateSinceMs;
        private long _invalidSinceMs = -1;

        public PilotDebouncer(int towardsChargeMs, int awayMs, bool ventilationAllowed)
        {
            _towardsChargeMs = towardsChargeMs;
            _awayMs = awayMs;
            _ventilationAllowed = ventilationAllowed;
        }

        public PilotState Stable { get; private set; } = PilotState.Unknown;

        /// <summary>Changes seen but not accepted: the line went back, or elsewhere, before the change had lasted (a bounce).</summary>
        public int Rejections { get; private set; }

        /// <summary>How long the readings have been invalid without a break, 0 when the last one was valid.</summary>
        public long InvalidForMs(long nowMs) => _invalidSinceMs < 0 ? 0 : nowMs - _invalidSinceMs;

        /// <returns>true when the stable state changed</returns>
        public bool Update(PilotState reading, long nowMs)
        {
            if (reading == PilotState.Invalid)
            {
                if (_invalidSinceMs < 0)
                    _invalidSinceMs = nowMs;
                return false;
            }
            _invalidSinceMs = -1;
            if (reading == Stable)
            {
                if (_candidate != Stable && Stable != PilotState.Unknown)
                    Rejections++;
                _candidate = reading;
                return false;
            }
            if (reading != _candidate)
            {
                if (_candidate != Stable && Stable != PilotState.Unknown)
                    Rejections++;
                _candidate = reading;
                _candidateSinceMs = nowMs;
            }
            var needMs = Stable == PilotState.Unknown ? 0 : (IsChargeRequest(reading) ? _towardsChargeMs : _awayMs);
            if (nowMs - _candidateSinceMs < needMs)
                return false;
            Stable = reading;
            return true;
        }

        private bool IsChargeRequest(PilotState state) => state == PilotState.C || (state == PilotState.D && _ventilationAllowed);
    }
}
