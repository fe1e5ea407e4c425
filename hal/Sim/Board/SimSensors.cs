using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>The simulated pile's plain inputs: supply voltage, temperatures, emergency stop, cable coding, socket current.</summary>
    public sealed class SimSensors : ISupply, ITemperatures, IEmergencyStop, IConnectionConfirm, ICurrentSensor
    {
        private readonly SimVehicle _vehicle;
        private readonly SimContactor _contactor;

        public SimSensors(SimVehicle vehicle, SimContactor contactor)
        {
            _vehicle = vehicle;
            _contactor = contactor;
        }

        public int VoltageMv { get; set; } = 220000;
        public int EnclosureDeciC { get; set; } = 250;
        public int ConnectorDeciC { get; set; } = 250;
        public bool Pressed { get; set; }

        public int ResistanceOhms => _vehicle.Plugged
            ? ChargeController.Firmware.Pilot.CableRating.NominalOhms(_vehicle.CableRatedA)
            : ConnectionConfirm.OpenOhms;

        public bool Valid => true;
        public int CurrentMa => _contactor.FeedbackClosed ? _vehicle.DrawMa : 0;
    }
}
