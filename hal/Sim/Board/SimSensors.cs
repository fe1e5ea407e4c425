using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>The simulated pile's plain inputs: supply voltage, temperatures, emergency stop, cable coding (CC).</summary>
    public sealed class SimSensors : ISupply, ITemperatures, IEmergencyStop, IConnectionConfirm
    {
        private readonly SimVehicle _vehicle;

        public SimSensors(SimVehicle vehicle)
        {
            _vehicle = vehicle;
        }

        /// <summary>The supply at the pile: the grid's voltage less what the feeder's impedance takes under load (<see cref="SimAgeing"/>).</summary>
        public int VoltageMv
        {
            get => GridMv - FeederDropMv;
            set => GridMv = value;
        }

        public int GridMv { get; private set; } = 220000;
        public int FeederDropMv { get; set; }
        public int EnclosureDeciC { get; set; } = 250;
        public int ConnectorDeciC { get; set; } = 250;
        public bool Pressed { get; set; }
        /// <summary>The CC contact is open while the plug stays in (a plug half pulled, a broken CC pin): the pilot still sees the vehicle.</summary>
        public bool CcOpen { get; set; }

        public int ResistanceOhms => _vehicle.Plugged && !CcOpen
            ? CableCoding.NominalOhms(_vehicle.CableRatedA)
            : ConnectionConfirm.OpenOhms;
    }
}
