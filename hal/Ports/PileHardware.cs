namespace ChargeController.Hal
{
    /// <summary>Every port the pile's core needs, handed over once at start-up.</summary>
    public sealed class PileHardware
    {
        public PileHardware(IMonotonicClock clock, IControlPilot pilot, IConnectionConfirm connectionConfirm, IContactor contactor,
            IResidualCurrentDevice residualCurrent, ISupply supply, ITemperatures temperatures, IEmergencyStop emergencyStop,
            IIndicator indicator, IConnectorLock connectorLock)
        {
            Clock = clock;
            Pilot = pilot;
            ConnectionConfirm = connectionConfirm;
            Contactor = contactor;
            ResidualCurrent = residualCurrent;
            Supply = supply;
            Temperatures = temperatures;
            EmergencyStop = emergencyStop;
            Indicator = indicator;
            ConnectorLock = connectorLock;
        }

        /// <summary>The same board with another contactor port: the core's, behind the safety interlock.</summary>
        public PileHardware WithContactor(IContactor contactor) => new PileHardware(Clock, Pilot, ConnectionConfirm, contactor,
            ResidualCurrent, Supply, Temperatures, EmergencyStop, Indicator, ConnectorLock);

        public IMonotonicClock Clock { get; }
        public IControlPilot Pilot { get; }
        public IConnectionConfirm ConnectionConfirm { get; }
        public IContactor Contactor { get; }
        public IResidualCurrentDevice ResidualCurrent { get; }
        /// <summary>
        /// The mains voltage as the board measures it, or null for a board that measures none (the reference board): the
        /// core then judges the supply on the meter's fresh readings alone (<c>MeterWatch.SupplyMv</c>).
        /// </summary>
        public ISupply Supply { get; }
        public ITemperatures Temperatures { get; }
        public IEmergencyStop EmergencyStop { get; }
        public IIndicator Indicator { get; }
        /// <summary>The socket's plug lock; unused on a tethered pile.</summary>
        public IConnectorLock ConnectorLock { get; }
    }
}
