using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>
    /// The pilot circuit: the pile's +-12 V oscillator through R1 (1 kohm) into the vehicle's R3 (2.74 kohm), R2
    /// (1.3 kohm, switched by S2; 270 ohm for a vehicle that needs ventilation) behind its diode (0.7 V). Levels come
    /// out in millivolts, as a calibrated board reports them. Short, open wire and missing diode can be injected.
    /// </summary>
    public sealed class SimPilotLine : IControlPilot
    {
        private const int SourceMv = 12000;
        private const int DiodeDropMv = 700;
        private const int R1Ohms = 1000;
        private const int R3Ohms = 2740;
        private const int R2Ohms = 1300;
        private const int R2VentilationOhms = 270;

        private readonly SimVehicle _vehicle;

        public SimPilotLine(SimVehicle vehicle)
        {
            _vehicle = vehicle;
        }

        public PilotMode Mode { get; private set; }
        public int DutyPermille { get; private set; }
        public bool Shorted { get; set; }
        public bool WireOpen { get; set; }
        /// <summary>A high level forced onto the line (a fault between windows), or <see cref="NotForced"/>.</summary>
        public int ForcedLevelMv { get; set; } = NotForced;
        public const int NotForced = int.MinValue;

        public void Restore()
        {
            Shorted = false;
            WireOpen = false;
            ForcedLevelMv = NotForced;
        }

        public void Drive(PilotMode mode, int dutyPermille)
        {
            Mode = mode;
            DutyPermille = dutyPermille;
        }

        public int HighLevelMv
        {
            get
            {
                if (Shorted)
                    return 0;
                if (ForcedLevelMv != NotForced)
                    return ForcedLevelMv;
                if (Mode == PilotMode.StateF)
                    return -SourceMv;
                return VehicleAttached ? Loaded(SourceMv - DiodeDropMv) + DiodeDropMv : SourceMv;
            }
        }

        public int LowLevelMv
        {
            get
            {
                if (Mode != PilotMode.Pwm)
                    return HighLevelMv; // a constant level has no low half
                if (Shorted)
                    return 0;
                // The diode blocks the negative half; without it the vehicle's resistors load it too.
                return VehicleAttached && _vehicle.DiodeMissing ? -Loaded(SourceMv) : -SourceMv;
            }
        }

        private bool VehicleAttached => _vehicle.Plugged && !WireOpen;

        private int Loaded(int sourceMv)
        {
            var loadOhms = R3Ohms;
            if (_vehicle.S2Closed)
            {
                var r2 = _vehicle.Ventilation ? R2VentilationOhms : R2Ohms;
                loadOhms = R3Ohms * r2 / (R3Ohms + r2);
            }
            return sourceMv * loadOhms / (R1Ohms + loadOhms);
        }
    }
}
