using ChargeController.Firmware.Config;
using ChargeController.Firmware.Pilot;
using ChargeController.Hal;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The minimal safety function, on a thread of its own above the control thread (runtime/SafetyWork, every 10 ms). It
    /// reads only the board's safety inputs and can only open the contactor, through the <see cref="SafetyInterlock"/>:
    /// while the core has the contactor closed, it opens it when the pilot reads neither C nor D, the plug's CC contact is
    /// lost (a socket pile), a residual current trips or the emergency stop is pressed. Each condition must hold for
    /// longer than the core takes to open on it, so that a control loop that keeps its period always opens first (and the
    /// traces are the core's alone), while one stalled or slow still has the contactor opened within 100 ms
    /// (docs/architecture.md, the budget). It allocates nothing, formats nothing and never blocks.
    /// </summary>
    public sealed class SafetyLoop
    {
        /// <summary>What the safety loop waits beyond the core's own time to open: one tick of the core for each reading it makes.</summary>
        public const int MarginMs = 20;

        private readonly SafetyInterlock _interlock;
        private readonly IControlPilot _pilot;
        private readonly IConnectionConfirm _connectionConfirm;
        private readonly IResidualCurrentDevice _residualCurrent;
        private readonly IEmergencyStop _emergencyStop;
        private readonly bool _socket;
        private readonly ConditionTimer _pilotAway = new ConditionTimer();
        private readonly ConditionTimer _plugLost = new ConditionTimer();
        private readonly ConditionTimer _residualCurrentTripped = new ConditionTimer();
        private readonly ConditionTimer _emergencyStopPressed = new ConditionTimer();

        /// <param name="hardware">the board's ports: the safety loop reads the pilot, CC, residual-current device and e-stop</param>
        public SafetyLoop(SafetyInterlock interlock, PileHardware hardware, PileConfig config)
        {
            _interlock = interlock;
            _pilot = hardware.Pilot;
            _connectionConfirm = hardware.ConnectionConfirm;
            _residualCurrent = hardware.ResidualCurrent;
            _emergencyStop = hardware.EmergencyStop;
            _socket = config.Get(ConfigKeys.Connector) != 1; // a tethered pile's CC line is not the pile's to read
            var dropMs = config.Get(ConfigKeys.DropDebounceMs);
            var invalidMs = config.Get(ConfigKeys.InvalidFaultMs);
            // the core opens on a pilot leaving C after dropMs, on readings outside every window after invalidMs (a CP fault)
            PilotHoldMs = (dropMs > invalidMs ? dropMs : invalidMs) + MarginMs / 2;
            PlugHoldMs = dropMs + MarginMs;
            TripHoldMs = MarginMs; // the core opens on the first tick that sees a residual current or the e-stop
        }

        /// <summary>How long the pilot may read neither C nor D: the longer of the core's two pilot debounces and one tick.</summary>
        public int PilotHoldMs { get; }
        /// <summary>How long CC may read no plug: the core's cable debounce and two ticks.</summary>
        public int PlugHoldMs { get; }
        /// <summary>How long a residual-current trip or a pressed e-stop may last: two ticks (their hardware path opens too).</summary>
        public int TripHoldMs { get; }

        /// <summary>Safety thread, every 10 ms.</summary>
        public void Run(long nowMs)
        {
            // every input is read on every pass, closed or not: the same work each time, whatever the board shows
            var pilot = PilotClassifier.Classify(_pilot.HighLevelMv);
            var plugLost = _socket && CableRating.FromOhms(_connectionConfirm.ResistanceOhms) <= 0;
            var residualCurrent = _residualCurrent.AcTripped || _residualCurrent.DcTripped;
            var emergencyStop = _emergencyStop.Pressed;
            var closed = _interlock.HeldClosed;
            // every timer sees every pass, so each condition counts only from a reading taken while closed
            if (_pilotAway.Holds(closed && pilot != PilotState.C && pilot != PilotState.D, nowMs, PilotHoldMs))
                _interlock.Trip(SafetyCause.Pilot);
            if (_plugLost.Holds(closed && plugLost, nowMs, PlugHoldMs))
                _interlock.Trip(SafetyCause.Plug);
            if (_residualCurrentTripped.Holds(closed && residualCurrent, nowMs, TripHoldMs))
                _interlock.Trip(SafetyCause.ResidualCurrent);
            if (_emergencyStopPressed.Holds(closed && emergencyStop, nowMs, TripHoldMs))
                _interlock.Trip(SafetyCause.EmergencyStop);
        }
    }
}
