using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The pile as the platform sees it, rebuilt from the event stream alone: connector status and error code, raised
    /// faults, the boot, the pilot state, the advertised current and the versions of the platform's tables. A consumer of the stream like the journal, so it
    /// reads nothing the control thread owns. Preallocated; applying an event allocates nothing.
    /// </summary>
    public sealed class StatusView
    {
        private readonly bool[] _raised = new bool[FaultBook.FaultCount];
        private readonly bool[] _latched = new bool[FaultBook.FaultCount];

        public ConnectorStatus Status { get; private set; }
        public ErrorCode Error { get; private set; }
        public int BootNumber { get; private set; }
        public BootReason BootReason { get; private set; }
        public PilotState Cp { get; private set; }
        public int AdvertisedMa { get; private set; }
        /// <summary>Versions of the platform's tables in force (0: none received).</summary>
        public int TariffVersion { get; private set; }
        public int ScheduleVersion { get; private set; }
        public int FleetVersion { get; private set; }
        /// <summary>The firmware update's step, or how it ended this boot (<see cref="Updates.UpdateStates"/>; idle: none).</summary>
        public int UpdateState { get; private set; }

        public bool IsRaised(Fault fault) => _raised[(int)fault];
        public bool IsLatched(Fault fault) => _latched[(int)fault];

        /// <summary>Takes the whole view at once (from the control thread's <c>Link.StatusSnapshot</c>; fault masks bit n = fault n).</summary>
        public void Set(ConnectorStatus status, ErrorCode error, int raisedMask, int latchedMask, int bootNumber, BootReason bootReason,
            PilotState cp, int advertisedMa)
        {
            Status = status;
            Error = error;
            for (var i = 0; i < _raised.Length; i++)
            {
                _raised[i] = (raisedMask & (1 << i)) != 0;
                _latched[i] = (latchedMask & (1 << i)) != 0;
            }
            BootNumber = bootNumber;
            BootReason = bootReason;
            Cp = cp;
            AdvertisedMa = advertisedMa;
        }

        /// <summary>The versions of the tables in force (from the control thread's snapshot, beside <see cref="Set"/>).</summary>
        public void SetTables(int tariffVersion, int scheduleVersion, int fleetVersion, int updateState)
        {
            UpdateState = updateState;
            TariffVersion = tariffVersion;
            ScheduleVersion = scheduleVersion;
            FleetVersion = fleetVersion;
        }

        /// <returns>true when the status message changed: a new boot, connector status, error code or fault</returns>
        public bool Apply(PileEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.Boot:
                    BootReason = (BootReason)e.Code;
                    BootNumber = e.Value;
                    for (var i = 0; i < _raised.Length; i++)
                        _raised[i] = _latched[i] = false; // latched faults are raised again by the new boot's events
                    TariffVersion = ScheduleVersion = FleetVersion = 0; // and stored tables told again
                    return true;
                case EventKind.Tables:
                    SetTables(e.Code, e.Value, e.Value2, UpdateState);
                    return true;
                case EventKind.Update:
                    UpdateState = e.Code == Updates.UpdateStates.Offered ? Updates.UpdateStates.Downloading : e.Code;
                    return true;
                case EventKind.Status:
                    Status = (ConnectorStatus)e.Code;
                    Error = (ErrorCode)e.Value;
                    return true;
                case EventKind.Fault:
                    _raised[e.Code] = e.Flag;
                    _latched[e.Code] = e.Flag && e.Flag2;
                    return true;
                case EventKind.Cp:
                    Cp = (PilotState)e.Code;
                    return false;
                case EventKind.Pilot:
                    AdvertisedMa = e.Value2;
                    return false;
                default:
                    return false;
            }
        }
    }
}
