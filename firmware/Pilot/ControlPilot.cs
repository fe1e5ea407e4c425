using ChargeController.Firmware.Events;
using ChargeController.Hal;

namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// The control pilot as the pile sees and drives it: the debounced state of the vehicle's side, and what the pile
    /// puts on the line (+12 V, PWM advertising a current, or -12 V). Each change goes into the event stream.
    /// </summary>
    public sealed class ControlPilot
    {
        private readonly IControlPilot _port;
        private readonly EventRing _events;
        private readonly PilotDebouncer _debouncer;
        private readonly bool _ventilationAllowed;
        private int _dutyPermille = -1;

        public ControlPilot(IControlPilot port, EventRing events, int chargeDebounceMs, int dropDebounceMs, bool ventilationAllowed)
        {
            _port = port;
            _events = events;
            _ventilationAllowed = ventilationAllowed;
            _debouncer = new PilotDebouncer(chargeDebounceMs, dropDebounceMs, ventilationAllowed);
        }

        public PilotState Stable => _debouncer.Stable;
        public PilotMode Mode { get; private set; } = PilotMode.Off;
        public int DutyPermille => Mode == PilotMode.Pwm ? _dutyPermille : 0;
        public int AdvertisedMa { get; private set; }

        /// <summary>When the PWM last stopped: a vehicle still in C is given <c>stop.evTimeoutMs</c> from then to open S2.</summary>
        public long PwmOffAtMs { get; private set; }

        /// <summary>The vehicle asks for energy: C, or D where ventilation is allowed.</summary>
        public bool VehicleReady => Stable == PilotState.C || (Stable == PilotState.D && _ventilationAllowed);

        public int LowLevelMv => _port.LowLevelMv;
        /// <summary>The +12 V side of the line as last sampled (the whole signal when not in PWM).</summary>
        public int HighLevelMv => _port.HighLevelMv;
        /// <summary>Pilot changes the debouncer rejected this boot (<see cref="PilotDebouncer.Rejections"/>).</summary>
        public int Rejections => _debouncer.Rejections;
        public long InvalidForMs(long nowMs) => _debouncer.InvalidForMs(nowMs);

        public void Sense(long nowMs)
        {
            var reading = PilotClassifier.Classify(_port.HighLevelMv);
            if (reading == PilotState.F && Mode != PilotMode.StateF)
                reading = PilotState.Invalid; // nothing but the pile itself may pull the pilot to -12 V
            if (_debouncer.Update(reading, nowMs))
                _events.Cp(nowMs, Stable);
        }

        public void Drive(PilotMode mode, int advertisedMa, long nowMs)
        {
            var duty = mode == PilotMode.Pwm ? PilotDuty.FromCurrentMa(advertisedMa) : 0;
            if (mode == Mode && duty == _dutyPermille)
                return;
            if (Mode == PilotMode.Pwm && mode != PilotMode.Pwm)
                PwmOffAtMs = nowMs;
            Mode = mode;
            _dutyPermille = duty;
            AdvertisedMa = mode == PilotMode.Pwm ? advertisedMa : 0;
            _port.Drive(mode, duty);
            _events.Pilot(nowMs, mode, duty, AdvertisedMa);
        }
    }
}
