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
        private readonly SafetyInterlock _interlock;
        private readonly IControlPilot _pilot;
        private readonly IConnectionConfirm _connectionConfirm;
        private readonly IResidualCurrentDevice _residualCurrent;
        private readonly IEmergencyStop _emergencyStop;
        private readonly bool _socket;
        /// <summary>Since the first pass that read a valid state other than C and D; only C, D or an open contactor ends it.</summary>
        private long _pilotAwaySinceMs = -1;
        private readonly ConditionTimer _pilotInvalid = new ConditionTimer();
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
            // the core opens on a valid state other than C and D after dropMs (from its first reading: readings outside
            // every window in between do not restart it), on readings outside every window after invalidMs (a CP fault),
            // on CC after dropMs, and on a residual current or the e-stop at the first tick
            PilotHoldMs = dropMs + Pile.TickMs;
            InvalidPilotHoldMs = config.Get(ConfigKeys.InvalidFaultMs) + Pile.TickMs;
            PlugHoldMs = dropMs + Pile.TickMs;
            TripHoldMs = 2 * Pile.TickMs;
        }

        /// <summary>How long the pilot may read A, B or E: the core's debounce and a tick (40 ms).</summary>
        public int PilotHoldMs { get; }
        /// <summary>How long the pilot may read outside every window (or F, which only the pile drives): the core's CP fault time and a tick (60 ms).</summary>
        public int InvalidPilotHoldMs { get; }
        /// <summary>How long CC may read no plug: the core's cable debounce and a tick (40 ms).</summary>
        public int PlugHoldMs { get; }
        /// <summary>How long a residual-current trip or a pressed e-stop may last: two ticks (20 ms; their hardware path opens too).</summary>
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
            var charging = pilot == PilotState.C || pilot == PilotState.D;
            var invalid = pilot == PilotState.Invalid || pilot == PilotState.F; // the pile drives no F while closed
            // each condition counts only from a reading taken while closed
            if (!closed || charging)
                _pilotAwaySinceMs = -1;
            else if (!invalid && _pilotAwaySinceMs < 0)
                _pilotAwaySinceMs = nowMs;
            if (_pilotAwaySinceMs >= 0 && nowMs - _pilotAwaySinceMs >= PilotHoldMs)
                _interlock.Trip(SafetyCause.Pilot);
            if (_pilotInvalid.Holds(closed && invalid, nowMs, InvalidPilotHoldMs))
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
