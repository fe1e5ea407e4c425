using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// Control-pilot faults: a short to PE (state E), a pilot that reads 12 V although the plug is in (open CP wire),
    /// a missing vehicle diode while PWM runs, and readings outside every window. The contactor has already opened on
    /// the state change itself where there is one; these make it a fault with a code the technician can act on.
    /// </summary>
    public sealed class PilotFaultMonitor
    {
        /// <summary>Unplugging moves the pilot to A a moment before the CC contact opens; only a lasting A is an open wire.</summary>
        public const int OpenWireMs = 500;

        private readonly int _dropDebounceMs;
        private readonly int _invalidFaultMs;
        private readonly ConditionTimer _diodeMissing = new ConditionTimer();
        private readonly ConditionTimer _diodeShown = new ConditionTimer();
        private readonly ConditionTimer _open = new ConditionTimer();

        public PilotFaultMonitor(int dropDebounceMs, int invalidFaultMs)
        {
            _dropDebounceMs = dropDebounceMs;
            _invalidFaultMs = invalidFaultMs;
        }

        public bool Short { get; private set; }
        public bool Open { get; private set; }
        public bool DiodeMissing { get; private set; }

        /// <summary>
        /// The vehicle's diode has shown on the PWM's low level for the drop debounce time without a break: the first close
        /// after the PWM starts waits for it, so a vehicle already in C is checked before current flows, not after.
        /// </summary>
        public bool DiodeShown { get; private set; }
        public bool Invalid { get; private set; }

        public void Update(PilotState stable, long invalidForMs, PilotMode driven, int lowLevelMv, bool cableInserted, long nowMs)
        {
            var observing = driven != PilotMode.StateF;
            // a short reads 0 V whatever the pile drives: only a line that follows the pile's -12 V (F) has recovered
            Short = stable == PilotState.E;
            Invalid = invalidForMs >= _invalidFaultMs;
            Open = _open.Holds(observing && cableInserted && stable == PilotState.A, nowMs, OpenWireMs);
            var vehicleOnPwm = driven == PilotMode.Pwm &&
                (stable == PilotState.B || stable == PilotState.C || stable == PilotState.D);
            var diodePresent = PilotClassifier.DiodePresent(lowLevelMv);
            DiodeMissing = _diodeMissing.Holds(vehicleOnPwm && !diodePresent, nowMs, _dropDebounceMs);
            DiodeShown = _diodeShown.Holds(vehicleOnPwm && diodePresent, nowMs, _dropDebounceMs);
        }

    }
}
