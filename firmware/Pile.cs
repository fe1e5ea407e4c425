using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Hal;

namespace ChargeController.Firmware
{
    /// <summary>
    /// One connector of a GB/T 18487.1 AC pile. The control thread calls <see cref="Tick"/> every 10 ms: it reads the
    /// inputs, runs the safety monitors, decides pilot and contactor, writes the outputs and appends events. Commands
    /// (start, stop, limits, availability) are called on the same thread between ticks. Nothing here blocks, and after
    /// start-up a tick allocates nothing.
    /// </summary>
    public sealed class Pile
    {
        public const int TickMs = 10;
        private const string FreeIdTag = "";
        /// <summary>A meter reading older than this is not used for over-current or weld supervision.</summary>
        public const int FreshReadingMs = 3000;
        /// <summary>Current the meter may see with the contactor open before it is a weld, and for how long.</summary>
        public const int CurrentWhileOpenMa = 500;
        public const int CurrentWhileOpenForMs = 1000;
        /// <summary>After the contactor opens the meter stays on the charging interval this long, to catch a weld.</summary>
        public const int WatchAfterOpeningMs = 5000;
        /// <summary>OCPP 1.6 id tags are CiString20.</summary>
        public const int MaxIdTagLength = 20;

        private readonly PileHardware _hw;
        private readonly EventRing _events;
        private readonly FaultBook _faults;
        private readonly PilotDebouncer _pilot;
        private readonly PilotFaultMonitor _pilotFaults;
        private readonly ResidualCurrentSelfTest _selfTest;
        private readonly OverCurrentMonitor _overCurrent;
        private readonly VoltageMonitor _voltage;
        private readonly ThermalDerating _enclosureHeat;
        private readonly ThermalDerating _connectorHeat;
        private readonly ContactorMonitor _contactorCheck;
        private readonly ConditionTimer _cableSettled = new ConditionTimer();
        private readonly ConditionTimer _currentWhileOpen = new ConditionTimer();
        private readonly MeterPoller _meter;
        private readonly int _meterLossMs;
        private readonly bool _meterRequired;
        private readonly SessionKeeper _sessions;
        private readonly int _contactorFeedbackMs;

        private readonly int _ratedMa;
        private readonly int _fallbackMa;
        private readonly int _dropDebounceMs;
        private readonly int _evStopTimeoutMs;
        private readonly long _authTimeoutMs;
        private readonly bool _ventilationAllowed;
        private readonly AuthorizationMode _authMode;
        private readonly OfflinePolicy _offlinePolicy;
        private readonly SessionLedger _ledger;
        private bool _safeMode;

        private long _nowMs;

        private int _cableCandidateMa = CableRating.Open;
        private int _cableMa = CableRating.Open;
        private bool _plugged;
        private bool _unplugPending;
        private bool _selfTestDue = true;

        private bool _authorized;
        private string _idTag;
        private bool _authorizedOffline;
        private long _authorizedAtMs;
        private bool _finished;
        private bool _stopRequested;
        private StopReason _stopReason;
        private int _platformLimitMa = CurrentLimit.NoLimitMa;
        private bool _linkOnline = true;
        private bool _available = true;

        private PilotMode _mode = PilotMode.Off;
        private int _dutyPermille = -1;
        private int _advertisedMa;
        private long _pwmOffAtMs;
        private bool _contactorClosed;
        private ConnectorStatus _status = ConnectorStatus.Available;
        private ErrorCode _error = ErrorCode.NoError;
        private long _startedAtMs;
        private long _openedAtMs;
        private MeterHealth _meterHealth = MeterHealth.Unknown;
        private bool _currentSeenWhileOpen;

        /// <param name="meter">the meter's poller, or null for a pile without a meter (sessions are then unmetered)</param>
        /// <param name="ledger">tells when a session's open record is durable; null for a pile that keeps no journal</param>
        public Pile(PileConfig config, PileHardware hardware, MeterPoller meter, SessionLedger ledger, EventRing events)
        {
            _hw = hardware;
            _meter = meter;
            _ledger = ledger;
            _meterLossMs = config.Get(ConfigKeys.MeterLossMs);
            _meterRequired = meter != null && config.Get(ConfigKeys.MeterLossPolicy) == 0;
            _events = events;
            _sessions = new SessionKeeper(events, meter, ledger, _meterLossMs, config.Get(ConfigKeys.MeterStopReadingWaitS) * 1000L);
            _faults = new FaultBook(FaultPolicies.From(config), events, config.Get(ConfigKeys.RetryResetS) * 1000L);
            _dropDebounceMs = config.Get(ConfigKeys.DropDebounceMs);
            _ventilationAllowed = config.IsOn(ConfigKeys.VentilationAllowed);
            _pilot = new PilotDebouncer(config.Get(ConfigKeys.ChargeDebounceMs), _dropDebounceMs, _ventilationAllowed);
            _pilotFaults = new PilotFaultMonitor(_dropDebounceMs, config.Get(ConfigKeys.InvalidFaultMs));
            _selfTest = new ResidualCurrentSelfTest(hardware.ResidualCurrent);
            _overCurrent = new OverCurrentMonitor(config.Get(ConfigKeys.OverCurrentGraceMs), config.Get(ConfigKeys.OverCurrentTripMs));
            _voltage = new VoltageMonitor(config.Get(ConfigKeys.OverVoltageV) * 1000, config.Get(ConfigKeys.UnderVoltageV) * 1000,
                config.Get(ConfigKeys.VoltageHysteresisV) * 1000, config.Get(ConfigKeys.VoltageDebounceMs));
            _enclosureHeat = new ThermalDerating(config.Get(ConfigKeys.HalfCurrentC) * 10, config.Get(ConfigKeys.QuarterCurrentC) * 10,
                config.Get(ConfigKeys.StopC) * 10, config.Get(ConfigKeys.ResumeC) * 10);
            var connectorStopDeciC = config.Get(ConfigKeys.ConnectorStopC) * 10;
            _connectorHeat = new ThermalDerating(connectorStopDeciC, connectorStopDeciC, connectorStopDeciC, config.Get(ConfigKeys.ConnectorResumeC) * 10);
            _contactorFeedbackMs = config.Get(ConfigKeys.ContactorFeedbackMs);
            _contactorCheck = new ContactorMonitor(_contactorFeedbackMs);
            _ratedMa = config.Get(ConfigKeys.RatedCurrentA) * 1000;
            _fallbackMa = config.Get(ConfigKeys.FallbackCurrentA) * 1000;
            _evStopTimeoutMs = config.Get(ConfigKeys.EvStopTimeoutMs);
            _authTimeoutMs = config.Get(ConfigKeys.AuthTimeoutS) * 1000L;
            _authMode = (AuthorizationMode)config.Get(ConfigKeys.AuthMode);
            _offlinePolicy = (OfflinePolicy)config.Get(ConfigKeys.OfflinePolicy);
        }

        public ConnectorStatus Status => _status;
        public ErrorCode Error => _error;
        public PilotState PilotState => _pilot.Stable;
        public PilotMode PilotMode => _mode;
        public int DutyPermille => _mode == PilotMode.Pwm ? _dutyPermille : 0;
        public int AdvertisedMa => _advertisedMa;
        public bool ContactorClosed => _contactorClosed;
        public bool Authorized => _authorized;
        /// <summary>The residual-current self-test has passed since the plug went in.</summary>
        public bool SelfTestPassed => _selfTest.Passed;
        /// <summary>The current or last session, or null before the first.</summary>
        public Session Session => _sessions.Current;

        /// <summary>
        /// The meter should be polled at the charging interval: a session runs or waits for its stop reading, the contactor
        /// is closed, or current was seen with it open. Read by the meter thread.
        /// </summary>
        public bool MeterBusy => _sessions.Running || _sessions.Closing || _contactorClosed || _currentSeenWhileOpen ||
            _nowMs - _openedAtMs < WatchAfterOpeningMs;
        public FaultBook Faults => _faults;

        /// <summary>In safe mode after a crash loop: Unavailable, reporting and listening only, until a technician clears it.</summary>
        public bool SafeMode => _safeMode;

        /// <summary>
        /// Announces the boot, drives every output to its safe state, and settles what the last run left: sessions open
        /// when power went are closed (reason PowerLoss, their last checkpointed reading), latched faults stay latched.
        /// </summary>
        public void Start(BootContext boot)
        {
            _nowMs = _hw.Clock.NowMs;
            _startedAtMs = _nowMs;
            _openedAtMs = _nowMs;
            _safeMode = boot.SafeMode;
            _events.Boot(_nowMs, boot.Reason, boot.BootNumber);
            _hw.Contactor.Command(false);
            Drive(PilotMode.Off, 0);
            foreach (var warning in boot.ConfigWarnings)
                _events.ConfigWarning(_nowMs, warning);
            _sessions.Recover(boot, _nowMs);
            foreach (var fault in boot.FaultStates)
                _faults.Restore((Fault)fault.Code, fault.Active && fault.Latched, fault.Number, _nowMs);
            _status = _safeMode ? ConnectorStatus.Unavailable : ConnectorStatus.Available;
            _error = _faults.CurrentErrorCode();
            _events.Status(_nowMs, _status, _error);
            _hw.Indicator.Show(IndicatorOf(_status));
        }

        public void Tick()
        {
            _nowMs = _hw.Clock.NowMs;
            SenseCable();
            SensePilot();
            RunSelfTest();
            Monitor();
            Decide();
        }

        // ---- commands (control thread, between ticks) ----

        /// <summary>Platform start command (or a local authorisation) naming an id tag.</summary>
        /// <returns>null when accepted, else why not</returns>
        public string Authorize(string idTag) => Answer("authorize", TryAuthorize(idTag));

        /// <summary>A technician ends the safe mode of a crash loop (the composition root also clears it in storage).</summary>
        public string LeaveSafeMode()
        {
            if (!_safeMode)
                return Answer("safe-mode clear", "not in safe mode");
            _safeMode = false;
            return Answer("safe-mode clear", null);
        }

        /// <summary>The answer to a command handled outside the core (config, reboot), into the same event stream.</summary>
        public string Report(string command, string rejection) => Answer(command, rejection);

        /// <summary>Stop charging: PWM off first, the contactor opens once the vehicle has opened S2 (3 s at the latest).</summary>
        public string RequestStop(StopReason reason)
        {
            if (!_authorized && !_sessions.Running)
                return Answer("stop", "nothing to stop");
            _stopRequested = true;
            _stopReason = reason;
            return Answer("stop", null);
        }

        /// <summary>Demand-response limit from the platform; <see cref="CurrentLimit.NoLimitMa"/> lifts it.</summary>
        public string SetPlatformLimitMa(int limitMa)
        {
            if (limitMa < 0)
                return Answer("limit", "a limit cannot be negative");
            _platformLimitMa = limitMa;
            return Answer("limit", null);
        }

        /// <summary>The platform's limit now, <see cref="CurrentLimit.NoLimitMa"/> when there is none.</summary>
        public int PlatformLimitMa => _platformLimitMa;

        public bool Available => _available;

        public AuthorizationMode AuthorizationMode => _authMode;

        public void SetLinkOnline(bool online) => _linkOnline = online;

        /// <summary>Unavailable takes effect when the running session (if any) has ended.</summary>
        public string SetAvailable(bool available)
        {
            _available = available;
            return Answer(available ? "available" : "unavailable", null);
        }

        /// <summary>
        /// A technician or the platform clears latched faults whose condition has gone. A meter whose total went
        /// backwards (it was swapped or reset) is taken at its word again from its next reading on.
        /// </summary>
        public string ClearFaults()
        {
            if (_meter != null && _meter.Health == MeterHealth.EnergyBackwards)
            {
                _meter.Rebaseline();
                return Answer("faults clear", null);
            }
            return Answer("faults clear", _faults.ClearLatched(_hw.Clock.NowMs) > 0 ? null : "no fault whose condition has gone");
        }

        /// <summary>The platform clears one named fault whose condition has gone.</summary>
        public string ClearFault(Fault fault) =>
            Answer("clear-fault", _faults.ClearLatched(fault, _hw.Clock.NowMs) ? null : "not raised, or its condition still holds");

        private string TryAuthorize(string idTag)
        {
            if (idTag == null || idTag.Length > MaxIdTagLength)
                return "id tag must be 1 to 20 characters";
            if (_safeMode)
                return "safe mode after repeated unexpected reboots";
            if (!_available)
                return "connector unavailable";
            if (_faults.Any(FaultAction.Trip))
                return "connector faulted";
            if (_sessions.Running && !_finished)
                return "a session is running";
            var offline = _authMode == AuthorizationMode.Platform && !_linkOnline;
            if (offline && _offlinePolicy == OfflinePolicy.Refuse)
                return "platform link down and offline policy is refuse";
            _authorized = true;
            _idTag = idTag;
            _authorizedOffline = offline;
            _authorizedAtMs = _hw.Clock.NowMs;
            _finished = false;
            return null;
        }

        /// <summary>Every command's result goes into the event stream, so the platform and the technician see it.</summary>
        private string Answer(string command, string rejection)
        {
            _events.Command(_hw.Clock.NowMs, command, rejection);
            return rejection;
        }

        public void SetWallClock(long unixSeconds)
        {
            _events.SetWallClock(unixSeconds - _hw.Clock.NowMs / 1000);
        }

        // ---- the tick ----

        private void SenseCable()
        {
            var readingMa = CableRating.FromOhms(_hw.ConnectionConfirm.ResistanceOhms);
            if (readingMa != _cableCandidateMa)
            {
                _cableCandidateMa = readingMa;
                _cableSettled.Holds(false, _nowMs, 0);
            }
            if (_cableSettled.Holds(_cableCandidateMa != _cableMa, _nowMs, _dropDebounceMs))
                _cableMa = _cableCandidateMa;

            var inserted = _cableMa > 0;
            if (inserted && !_plugged)
                PlugIn();
            else if (!inserted && _plugged)
                Unplug();
        }

        private void PlugIn()
        {
            _plugged = true;
            _finished = false;
            _selfTestDue = true;
            _selfTest.Invalidate();
            if (_authMode == AuthorizationMode.Free && !_authorized)
            {
                _authorized = true; // plug and charge: the plug-in is the authorisation
                _idTag = FreeIdTag;
                _authorizedOffline = false;
            }
        }

        private void Unplug()
        {
            _plugged = false;
            _unplugPending = true; // the session ends once this tick has opened the contactor
            _authorized = false;
            _finished = false;
            _stopRequested = false;
            _selfTest.Invalidate();
        }

        private void SensePilot()
        {
            var reading = PilotClassifier.Classify(_hw.Pilot.HighLevelMv);
            if (reading == PilotState.F && _mode != PilotMode.StateF)
                reading = PilotState.Invalid; // nothing but the pile itself may pull the pilot to -12 V
            if (_pilot.Update(reading, _nowMs))
                _events.Cp(_nowMs, _pilot.Stable);
        }

        private void RunSelfTest()
        {
            var mayTest = _selfTestDue && !_selfTest.Busy && !_contactorClosed && !_faults.IsRaised(Fault.ResidualCurrentSelfTest);
            if (mayTest)
            {
                _selfTestDue = false;
                _selfTest.Start(_nowMs);
            }
            _selfTest.Update(_nowMs);
            if (_selfTest.FailedNow)
                _selfTestDue = true; // runs again once the fault's retry delay has passed
        }

        private void Monitor()
        {
            var rcd = _hw.ResidualCurrent;
            var testing = _selfTest.Busy;
            _faults.Report(Fault.ResidualCurrentAc, !testing && rcd.AcTripped, _nowMs);
            _faults.Report(Fault.ResidualCurrentDc, !testing && rcd.DcTripped, _nowMs);
            _faults.Report(Fault.ResidualCurrentSelfTest, _selfTest.FailedNow, _nowMs);
            _faults.Report(Fault.EmergencyStop, _hw.EmergencyStop.Pressed, _nowMs);

            _voltage.Update(_hw.Supply.VoltageMv, _nowMs);
            _faults.Report(Fault.OverVoltage, _voltage.Over, _nowMs);
            _faults.Report(Fault.UnderVoltage, _voltage.Under, _nowMs);

            _enclosureHeat.Update(_hw.Temperatures.EnclosureDeciC);
            _connectorHeat.Update(_hw.Temperatures.ConnectorDeciC);
            _faults.Report(Fault.EnclosureOverTemperature, _enclosureHeat.Stopped, _nowMs);
            _faults.Report(Fault.ConnectorOverTemperature, _connectorHeat.Stopped, _nowMs);

            MonitorMeter();

            _contactorCheck.Update(_contactorClosed, _hw.Contactor.FeedbackClosed, _nowMs);
            _faults.Report(Fault.ContactorWelded, _contactorCheck.Welded, _nowMs);
            _faults.Report(Fault.ContactorStuckOpen, _contactorCheck.StuckOpen, _nowMs);

            _faults.Report(Fault.StorageFailure, _sessions.RecordLate(_nowMs) || (_ledger != null && _ledger.Failing), _nowMs);

            _pilotFaults.Update(_pilot.Stable, _pilot.InvalidForMs(_nowMs), _mode, _hw.Pilot.LowLevelMv, _plugged, _nowMs);
            _faults.Report(Fault.PilotShort, _pilotFaults.Short, _nowMs);
            _faults.Report(Fault.PilotOpen, _pilotFaults.Open, _nowMs);
            _faults.Report(Fault.PilotDiodeMissing, _pilotFaults.DiodeMissing, _nowMs);
            _faults.Report(Fault.PilotInvalid, _pilotFaults.Invalid, _nowMs);
        }

        /// <summary>
        /// Under the stop policy a session may only start from a real reading: a fresh one must be in hand, not merely
        /// "not lost yet" (a meter dead since boot has not timed out in its first seconds).
        /// </summary>
        private bool MeterReadyToBill
        {
            get
            {
                if (!_meterRequired)
                    return true;
                var reading = _meter.Latest;
                return reading != null && _nowMs - reading.TimeMs < _meterLossMs;
            }
        }

        private void MonitorMeter()
        {
            if (_meter == null)
                return;
            var health = _meter.Health;
            if (health != _meterHealth)
            {
                _meterHealth = health;
                _events.Meter(_nowMs, health, health == MeterHealth.SlaveException ? _meter.ExceptionCode : 0);
            }
            var reading = _meter.Latest;
            var lost = _nowMs - (reading == null ? _startedAtMs : reading.TimeMs) >= _meterLossMs;
            _faults.Report(Fault.MeterLost, lost, _nowMs);
            if (lost)
                _sessions.MeterLost();

            var fresh = reading != null && _nowMs - reading.TimeMs <= FreshReadingMs;
            var currentMa = fresh ? reading.MaxCurrentMa : 0;
            _faults.Report(Fault.OverCurrent, _overCurrent.Update(_advertisedMa, fresh, currentMa, _contactorClosed, _nowMs), _nowMs);
            _currentSeenWhileOpen = !_contactorClosed && fresh && reading.TimeMs >= _openedAtMs + _contactorFeedbackMs &&
                currentMa > CurrentWhileOpenMa;
            _faults.Report(Fault.ContactorCurrentWhileOpen, _currentWhileOpen.Holds(_currentSeenWhileOpen, _nowMs, CurrentWhileOpenForMs), _nowMs);
        }

        private void Decide()
        {
            var tripped = _faults.Any(FaultAction.Trip);
            var sessionRunning = _sessions.Running;
            var faultEndsSession = sessionRunning && _faults.AnyEndingSession(FaultAction.Trip);
            if (faultEndsSession)
            {
                _finished = true;
                _authorized = false;
            }
            else if (sessionRunning && !_stopRequested && _faults.AnyEndingSession(FaultAction.Stop))
            {
                _stopRequested = true; // wind down like a stop command: PWM off, open once S2 opens
                _stopReason = StopReason.Other;
            }
            if (_authorized && !_plugged && _nowMs - _authorizedAtMs > _authTimeoutMs)
                _authorized = false;

            var limitMa = CurrentLimit.AdvertisedMa(_ratedMa, _plugged ? _cableMa : _ratedMa, _platformLimitMa, _fallbackMa,
                !_linkOnline, _enclosureHeat.Divisor * _connectorHeat.Divisor);
            var unavailable = _safeMode || (!_available && !(sessionRunning && !faultEndsSession));
            var offering = _plugged && _authorized && !_finished && !_stopRequested && _selfTest.Passed && !tripped &&
                !_faults.Any(FaultAction.Stop) && limitMa > 0 && !unavailable && (sessionRunning || MeterReadyToBill);
            var mode = tripped || unavailable ? PilotMode.StateF : offering ? PilotMode.Pwm : PilotMode.Off;
            Drive(mode, offering ? limitMa : 0);

            var stable = _pilot.Stable;
            var vehicleReady = stable == PilotState.C || (stable == PilotState.D && _ventilationAllowed);
            bool close;
            if (tripped || !vehicleReady || !_plugged)
                close = false;
            else if (offering)
                close = _contactorClosed || _voltage.InRange; // the window gates closing; a trip fault opens
            else
                close = _contactorClosed && _nowMs - _pwmOffAtMs < _evStopTimeoutMs; // wind-down: the vehicle is still in C
            if (close && !_contactorClosed)
                close = _sessions.ReadyToClose(_idTag, _authorizedOffline, _openedAtMs, _nowMs);
            SetContactor(close);
            _sessions.Checkpoint(_contactorClosed, _nowMs);

            // Sessions end after the contactor has opened, so their end (and stop reading) follows the current.
            if (faultEndsSession)
                EndSession(_faults.IsEmergencyStop ? StopReason.EmergencyStop : StopReason.Other);
            if (_unplugPending)
            {
                EndSession(StopReason.EVDisconnected);
                _unplugPending = false;
            }
            if (_stopRequested && !_contactorClosed)
            {
                EndSession(_stopReason);
                _stopRequested = false;
                _authorized = false;
                _finished = _plugged;
            }
            _sessions.Settle(_contactorClosed, _openedAtMs, _nowMs, false);
            UpdateStatus(tripped, unavailable);
        }

        private void Drive(PilotMode mode, int advertisedMa)
        {
            var duty = mode == PilotMode.Pwm ? PilotDuty.FromCurrentMa(advertisedMa) : 0;
            if (mode == _mode && duty == _dutyPermille)
                return;
            if (_mode == PilotMode.Pwm && mode != PilotMode.Pwm)
                _pwmOffAtMs = _nowMs;
            _mode = mode;
            _dutyPermille = duty;
            _advertisedMa = mode == PilotMode.Pwm ? advertisedMa : 0;
            _hw.Pilot.Drive(mode, duty);
            _events.Pilot(_nowMs, mode, duty, _advertisedMa);
        }

        private void SetContactor(bool closed)
        {
            if (closed == _contactorClosed)
                return;
            _contactorClosed = closed;
            _hw.Contactor.Command(closed);
            _events.Contactor(_nowMs, closed);
            if (!closed)
            {
                _openedAtMs = _nowMs;
                if (_meter != null)
                    _meter.RequestPoll(); // the stop reading of the session
            }
        }

        private void EndSession(StopReason reason) => _sessions.End(reason, _contactorClosed, _openedAtMs, _nowMs);

        private void UpdateStatus(bool tripped, bool unavailable)
        {
            ConnectorStatus status;
            if (_safeMode)
                status = ConnectorStatus.Unavailable;
            else if (tripped)
                status = ConnectorStatus.Faulted;
            else if (unavailable)
                status = ConnectorStatus.Unavailable;
            else if (!_plugged)
                status = ConnectorStatus.Available;
            else if (_contactorClosed)
                status = _mode == PilotMode.Pwm ? ConnectorStatus.Charging : _stopRequested ? ConnectorStatus.Finishing : ConnectorStatus.SuspendedEVSE;
            else if (_finished)
                status = ConnectorStatus.Finishing;
            else if (!_authorized || !_selfTest.Passed)
                status = ConnectorStatus.Preparing;
            else if (_mode != PilotMode.Pwm)
                status = ConnectorStatus.SuspendedEVSE;
            else
                status = ConnectorStatus.SuspendedEV;

            var error = _faults.CurrentErrorCode();
            if (status == _status && error == _error)
                return;
            _status = status;
            _error = error;
            _events.Status(_nowMs, status, error);
            _hw.Indicator.Show(IndicatorOf(status));
        }

        private static IndicatorPattern IndicatorOf(ConnectorStatus status)
        {
            switch (status)
            {
                case ConnectorStatus.Available: return IndicatorPattern.Standby;
                case ConnectorStatus.Charging: return IndicatorPattern.Charging;
                case ConnectorStatus.SuspendedEVSE: return IndicatorPattern.Suspended;
                case ConnectorStatus.Unavailable: return IndicatorPattern.Unavailable;
                case ConnectorStatus.Faulted: return IndicatorPattern.Fault;
                default: return IndicatorPattern.Connected;
            }
        }
    }
}
