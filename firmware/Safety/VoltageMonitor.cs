namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Supply over- and under-voltage: outside the window for the debounce time raises the condition; it holds until the
    /// voltage is back inside the window by the hysteresis, so a feeder hovering at the limit does not chatter.
    /// An unknown voltage (a metered supply without a fresh reading) is judged neither way: a held condition stays, none
    /// is raised, and the supply does not count as inside its window.
    /// </summary>
    public sealed class VoltageMonitor
    {
        /// <summary>No measurement to judge: the board measures none and the meter's last reading is stale or missing.</summary>
        public const int UnknownMv = int.MinValue;

        private readonly int _overMv;
        private readonly int _underMv;
        private readonly int _hysteresisMv;
        private readonly int _debounceMs;
        private readonly ConditionTimer _overFor = new ConditionTimer();
        private readonly ConditionTimer _underFor = new ConditionTimer();

        public VoltageMonitor(int overMv, int underMv, int hysteresisMv, int debounceMs)
        {
            _overMv = overMv;
            _underMv = underMv;
            _hysteresisMv = hysteresisMv;
            _debounceMs = debounceMs;
        }

        public bool Over { get; private set; }
        public bool Under { get; private set; }

        /// <summary>Inside the window now and no condition holding: the contactor may close.</summary>
        public bool InRange { get; private set; }

        public void Update(int voltageMv, long nowMs)
        {
            if (voltageMv == UnknownMv)
            {
                _overFor.Holds(false, nowMs, _debounceMs); // a debounce starts again on the next real reading
                _underFor.Holds(false, nowMs, _debounceMs);
                InRange = false;
                return;
            }
            Over = Track(voltageMv > _overMv, voltageMv < _overMv - _hysteresisMv, Over, _overFor, nowMs);
            Under = Track(voltageMv < _underMv, voltageMv > _underMv + _hysteresisMv, Under, _underFor, nowMs);
            InRange = !Over && !Under && voltageMv >= _underMv && voltageMv <= _overMv;
        }

        private bool Track(bool outside, bool recovered, bool holding, ConditionTimer outsideFor, long nowMs)
        {
            if (holding)
                return !recovered;
            return outsideFor.Holds(outside, nowMs, _debounceMs);
        }
    }
}
