using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>The whole simulated pile hardware with a vehicle on the cable, on a virtual clock.</summary>
    public sealed class SimBoard
    {
        public SimBoard()
        {
            Clock = new VirtualClock();
            Vehicle = new SimVehicle();
            Pilot = new SimPilotLine(Vehicle);
            Contactor = new SimContactor();
            ResidualCurrent = new SimResidualCurrentDevice();
            Sensors = new SimSensors(Vehicle);
            Indicator = new SimIndicator();
            Lock = new SimConnectorLock();
            Ageing = new SimAgeing();
            Hardware = new PileHardware(Clock, Pilot, Sensors, Contactor, ResidualCurrent, Sensors, Sensors, Sensors, Indicator, Lock);
        }

        public VirtualClock Clock { get; }
        public SimVehicle Vehicle { get; }
        public SimPilotLine Pilot { get; }
        public SimContactor Contactor { get; }
        public SimResidualCurrentDevice ResidualCurrent { get; }
        public SimSensors Sensors { get; }
        public SimIndicator Indicator { get; }
        public SimConnectorLock Lock { get; }
        public SimAgeing Ageing { get; }
        public PileHardware Hardware { get; }

        /// <summary>Lets the vehicle react to what the pile drove on the previous tick, and the ageing parts follow the current.</summary>
        public void Step()
        {
            Contactor.Step(Clock.NowMs);
            Vehicle.Step(Clock.NowMs, Pilot.Mode, Pilot.DutyPermille, Contactor.FeedbackClosed);
            Lock.Step(Clock.NowMs);
            if (_wasCommanded && !Contactor.Commanded)
                Ageing.SessionEnded();
            _wasCommanded = Contactor.Commanded;
            Contactor.ReleaseMs = Ageing.ContactorReleaseMs;
            var currentMa = SocketCurrentMa;
            Sensors.FeederDropMv = Ageing.FeederDropMv(currentMa);
            if (Ageing.HeatUkPerA2 > 0)
                Sensors.ConnectorDeciC = Ageing.ConnectorDeciC(Sensors.EnclosureDeciC, currentMa);
        }

        private bool _wasCommanded;

        /// <summary>Current through the contactor's contacts on each drawn phase, in mA.</summary>
        public int SocketCurrentMa => Contactor.FeedbackClosed ? Vehicle.DrawMa : 0;
    }
}
