using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Charging
{
    /// <summary>
    /// The contactor as the pile commands it: when it may close, when it must open, and what follows an opening (the
    /// event, the time of it, the session's stop reading). When its port is the <see cref="SafetyInterlock"/> (the runtime's
    /// pile) an opening by the safety loop is an opening the core must follow: it commands open on its next tick, which
    /// resets the interlock, and records what the safety loop saw.
    /// </summary>
    public sealed class Contactor
    {
        private readonly IContactor _port;
        private readonly SafetyInterlock _interlock;
        private readonly EventRing _events;
        private readonly MeterWatch _meter;
        private readonly int _feedbackMs;
        private readonly int _evStopTimeoutMs;

        public Contactor(IContactor port, EventRing events, MeterWatch meter, int feedbackMs, int evStopTimeoutMs)
        {
            _port = port;
            _interlock = port as SafetyInterlock;
            _events = events;
            _meter = meter;
            _feedbackMs = feedbackMs;
            _evStopTimeoutMs = evStopTimeoutMs;
        }

        /// <summary>As commanded (its feedback is the fault monitors' to check).</summary>
        public bool Closed { get; private set; }

        /// <summary>When it last opened, or start-up.</summary>
        public long OpenedAtMs { get; private set; }

        /// <summary>Commanded open for at least the feedback time, and its feedback says open.</summary>
        public bool SeenOpen(long nowMs) => !Closed && !_port.FeedbackClosed && nowMs - OpenedAtMs >= _feedbackMs;

        /// <summary>Open, whatever the last run left.</summary>
        public void Start(long nowMs)
        {
            OpenedAtMs = nowMs;
            _port.Command(false);
        }

        /// <summary>The safety loop opened it while the core had it closed: the core opens too, and a close is a new decision.</summary>
        public bool OpenedBySafetyLoop => _interlock != null && _interlock.OpenedBySafetyLoop;

        /// <summary>
        /// Whether it should be closed: never after the safety loop opened it, never on a trip, without a vehicle asking or
        /// without a held plug; while the pile offers, closing waits for the supply to be in its window and for the vehicle's
        /// diode to have shown on the PWM; after the PWM stopped it stays closed until the vehicle opens S2,
        /// <c>stop.evTimeoutMs</c> at the latest.
        /// </summary>
        /// <param name="plugHeld">plugged, and the plug lock (if any) says locked</param>
        /// <param name="diodeShown">the vehicle's diode has shown on the running PWM for the drop debounce time</param>
        public bool Wanted(bool tripped, bool vehicleReady, bool plugHeld, bool offering, bool supplyInRange, bool diodeShown,
            long pwmOffAtMs, long nowMs)
        {
            if (tripped || !vehicleReady || !plugHeld || OpenedBySafetyLoop)
                return false;
            if (offering)
                return Closed || (supplyInRange && diodeShown); // these gate closing; a trip fault opens
            return Closed && nowMs - pwmOffAtMs < _evStopTimeoutMs; // wind-down: the vehicle is still in C
        }

        public void Switch(bool closed, long nowMs)
        {
            if (closed == Closed)
                return;
            Closed = closed;
            if (!closed && OpenedBySafetyLoop)
                _events.SafetyLoopOpened(nowMs, _interlock.Cause);
            _port.Command(closed);
            _events.Contactor(nowMs, closed);
            if (!closed)
            {
                OpenedAtMs = nowMs;
                _meter.RequestReading(); // the stop reading of the session
            }
        }
    }
}
