using ChargeController.Firmware.Config;
using ChargeController.Firmware.Pilot;
using ChargeController.Hal;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The protection monitors and their wiring into the fault book: residual current, emergency stop, supply voltage,
    /// temperatures, contactor feedback, storage and the pilot line. The pile calls them in a fixed order each tick, so
    /// faults that change on the same tick are reported in the same order every time.
    /// </summary>
    public sealed class FaultMonitors
    {
        private readonly PileHardware _hw;
        private readonly FaultBook _faults;
        private readonly VoltageMonitor _voltage;
        private readonly ThermalDerating _enclosureHeat;
        private readonly ThermalDerating _connectorHeat;
        private readonly ContactorMonitor _contactor;
        private readonly PilotFaultMonitor _pilot;

        public FaultMonitors(PileConfig config, PileHardware hardware, FaultBook faults)
        {
            _hw = hardware;
            _faults = faults;
            _voltage = new VoltageMonitor(config.Get(ConfigKeys.OverVoltageV) * 1000, config.Get(ConfigKeys.UnderVoltageV) * 1000,
                config.Get(ConfigKeys.VoltageHysteresisV) * 1000, config.Get(ConfigKeys.VoltageDebounceMs));
            _enclosureHeat = new ThermalDerating(config.Get(ConfigKeys.HalfCurrentC) * 10, config.Get(ConfigKeys.QuarterCurrentC) * 10,
                config.Get(ConfigKeys.StopC) * 10, config.Get(ConfigKeys.ResumeC) * 10);
            var connectorStopDeciC = config.Get(ConfigKeys.ConnectorStopC) * 10;
            _connectorHeat = new ThermalDerating(connectorStopDeciC, connectorStopDeciC, connectorStopDeciC, config.Get(ConfigKeys.ConnectorResumeC) * 10);
            _contactor = new ContactorMonitor(config.Get(ConfigKeys.ContactorFeedbackMs));
            _pilot = new PilotFaultMonitor(config.Get(ConfigKeys.DropDebounceMs), config.Get(ConfigKeys.InvalidFaultMs));
        }

        /// <summary>What the temperatures divide the advertised current by (1 when cool).</summary>
        public int HeatDivisor => _enclosureHeat.Divisor * _connectorHeat.Divisor;

        /// <summary>The vehicle's diode has shown on the running PWM for the drop debounce time: the contactor may close.</summary>
        public bool DiodeShown => _pilot.DiodeShown;

        /// <summary>The supply is inside its window: the contactor may close.</summary>
        public bool SupplyInRange => _voltage.InRange;

        /// <summary>Residual current (not while the self-test injects its own), emergency stop, supply and temperatures.</summary>
        /// <param name="supplyMv">the supply voltage, or <see cref="VoltageMonitor.UnknownMv"/></param>
        public void CheckProtection(bool selfTestBusy, bool selfTestFailedNow, int supplyMv, long nowMs)
        {
            var rcd = _hw.ResidualCurrent;
            _faults.Report(Fault.ResidualCurrentAc, !selfTestBusy && rcd.AcTripped, nowMs);
            _faults.Report(Fault.ResidualCurrentDc, !selfTestBusy && rcd.DcTripped, nowMs);
            _faults.Report(Fault.ResidualCurrentSelfTest, selfTestFailedNow, nowMs);
            _faults.Report(Fault.EmergencyStop, _hw.EmergencyStop.Pressed, nowMs);

            _voltage.Update(supplyMv, nowMs);
            _faults.Report(Fault.OverVoltage, _voltage.Over, nowMs);
            _faults.Report(Fault.UnderVoltage, _voltage.Under, nowMs);

            _enclosureHeat.Update(_hw.Temperatures.EnclosureDeciC);
            _connectorHeat.Update(_hw.Temperatures.ConnectorDeciC);
            _faults.Report(Fault.EnclosureOverTemperature, _enclosureHeat.Stopped, nowMs);
            _faults.Report(Fault.ConnectorOverTemperature, _connectorHeat.Stopped, nowMs);
        }

        /// <summary>The contactor's feedback against its command: welded or stuck open.</summary>
        /// <param name="commandedClosed">what the coil is commanded (open once the safety loop opened it)</param>
        /// <param name="feedbackClosed">the auxiliary contact, read before the command</param>
        public void CheckContactor(bool commandedClosed, bool feedbackClosed, long nowMs)
        {
            _contactor.Update(commandedClosed, feedbackClosed, nowMs);
            _faults.Report(Fault.ContactorWelded, _contactor.Welded, nowMs);
            _faults.Report(Fault.ContactorStuckOpen, _contactor.StuckOpen, nowMs);
        }

        /// <param name="failing">a session's open record is late, or the flash refused a journal write</param>
        /// <param name="full">the journal is at its ceiling with what it must keep</param>
        /// <param name="damageFound">the storage thread found damage in the journal since the last tick (the fault latches)</param>
        public void CheckStorage(bool failing, bool full, bool damageFound, long nowMs)
        {
            _faults.Report(Fault.StorageFailure, failing, nowMs);
            _faults.Report(Fault.StorageFull, full, nowMs);
            _faults.Report(Fault.JournalDamaged, damageFound, nowMs);
        }

        /// <param name="trackingFailed">the network thread dropped the link for a publish it could not track</param>
        /// <param name="refused">the broker refuses the pile's publishes (its ACL)</param>
        public void CheckLink(bool trackingFailed, bool refused, long nowMs)
        {
            _faults.Report(Fault.LinkTracking, trackingFailed, nowMs);
            _faults.Report(Fault.LinkRefused, refused, nowMs);
        }

        /// <summary>Short, open wire, missing diode and readings that fit no state.</summary>
        public void CheckPilot(ControlPilot pilot, bool plugged, long nowMs)
        {
            _pilot.Update(pilot.Stable, pilot.InvalidForMs(nowMs), pilot.Mode, pilot.LowLevelMv, plugged, nowMs);
            _faults.Report(Fault.PilotShort, _pilot.Short, nowMs);
            _faults.Report(Fault.PilotOpen, _pilot.Open, nowMs);
            _faults.Report(Fault.PilotDiodeMissing, _pilot.DiodeMissing, nowMs);
            _faults.Report(Fault.PilotInvalid, _pilot.Invalid, nowMs);
        }
    }
}
