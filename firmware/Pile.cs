using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
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
    /// start-up a tick allocates nothing. Each concern is a part of its own; this class runs them in the tick's order
    /// and holds what the commands set.
    /// </summary>
    public sealed class Pile
    {
        public const int TickMs = 10;
        /// <summary>A meter reading older than this is not used for over-current or weld supervision.</summary>
        public const int FreshReadingMs = MeterWatch.FreshReadingMs;
        /// <summary>Current the meter may see with the contactor open before it is a weld, and for how long.</summary>
        public const int CurrentWhileOpenMa = MeterWatch.CurrentWhileOpenMa;
        public const int CurrentWhileOpenForMs = MeterWatch.CurrentWhileOpenForMs;
        /// <summary>After the contactor opens the meter stays on the charging interval this long, to catch a weld.</summary>
        public const int WatchAfterOpeningMs = 5000;
        /// <summary>OCPP 1.6 id tags are CiString20.</summary>
        public const int MaxIdTagLength = 20;

        private readonly PileHardware _hw;
        private readonly EventRing _events;
        private readonly SessionLedger _ledger;
        private readonly FaultBook _faults;
        private readonly Plug _plug;
        private readonly ControlPilot _pilot;
        private readonly SelfTestSchedule _selfTest;
        private readonly FaultMonitors _monitors;
        private readonly MeterWatch _meterWatch;
        private readonly SessionKeeper _sessions;
        private readonly ChargePermission _permission;
        private readonly Contactor _contactor;
        private readonly ReportedStatus _status;
        private ISiteLimit _site;
        private readonly int _ratedMa;
        private readonly int _phases;
        private readonly int _fallbackMa;
        private readonly long _fallbackAfterMs;

        private long _nowMs;
        private bool _safeMode;
        private bool _configDamaged;
        private int _platformLimitMa = CurrentLimit.NoLimitMa;
        private bool _linkOnline = true;
        private bool _linkTrackingFailed;
        private bool _linkPublishesRefused;
        private bool _available = true;
        private long _linkLostAtMs;
        private OpeningHours _hours;
        private FleetList _fleet;
        private bool _selfTestRequested;
        private int _selfTestsAtRequest;
        private bool _rebootComing;

        /// <param name="meter">the meter's poller, or null for a pile without a meter (sessions are then unmetered)</param>
        /// <param name="ledger">tells when a session's open record is durable; null for a pile that keeps no journal</param>
        public Pile(PileConfig config, PileHardware hardware, MeterPoller meter, SessionLedger ledger, EventRing events)
        {
            _hw = hardware;
            _events = events;
            _ledger = ledger;
            _faults = new FaultBook(FaultPolicies.From(config), events, config.Get(ConfigKeys.RetryResetS) * 1000L);
            _sessions = new SessionKeeper(events, meter, ledger, config.Get(ConfigKeys.MeterLossMs),
                config.Get(ConfigKeys.MeterStopReadingWaitS) * 1000L);
            _permission = new ChargePermission(config, _sessions, _faults);
            var dropDebounceMs = config.Get(ConfigKeys.DropDebounceMs);
            _pilot = new ControlPilot(hardware.Pilot, events, config.Get(ConfigKeys.ChargeDebounceMs), dropDebounceMs,
                config.IsOn(ConfigKeys.VentilationAllowed));
            var tethered = config.Get(ConfigKeys.Connector) == 1;
            _plug = new Plug(hardware.ConnectionConfirm,
                tethered ? null : new ConnectorLock(hardware.ConnectorLock, config.Get(ConfigKeys.LockTimeoutMs)),
                tethered ? config.Get(ConfigKeys.TetheredCableA) * 1000 : 0, dropDebounceMs, events, _faults);
            _selfTest = new SelfTestSchedule(new ResidualCurrentSelfTest(hardware.ResidualCurrent), _faults);
            _monitors = new FaultMonitors(config, hardware, _faults);
            _meterWatch = new MeterWatch(config, meter, events, _faults);
            _contactor = new Contactor(hardware.Contactor, events, _meterWatch, config.Get(ConfigKeys.ContactorFeedbackMs),
                config.Get(ConfigKeys.EvStopTimeoutMs));
            _status = new ReportedStatus(hardware.Indicator, events);
            _ratedMa = config.Get(ConfigKeys.RatedCurrentA) * 1000;
            _phases = MeterSetup.Phases(config);
            _fallbackMa = config.Get(ConfigKeys.FallbackCurrentA) * 1000;
            _fallbackAfterMs = config.Get(ConfigKeys.FallbackAfterS) * 1000L;
        }

        /// <summary>A site meter's cap on the offer (site.mode limit or solar), set at boot before <see cref="Start"/>.</summary>
        public void UseSite(ISiteLimit site) => _site = site;

        public ConnectorStatus Status => _status.Status;
        public ErrorCode Error => _status.Error;
        public PilotState PilotState => _pilot.Stable;
        public PilotMode PilotMode => _pilot.Mode;
        public int DutyPermille => _pilot.DutyPermille;
        public int AdvertisedMa => _pilot.AdvertisedMa;
        public bool ContactorClosed => _contactor.Closed;
        /// <summary>The socket has a plug lock (<see cref="LockLocked"/> says where it is).</summary>
        public bool LockFitted => _plug.LockFitted;
        /// <summary>The plug lock's position switch says locked (as of the last tick).</summary>
        public bool LockLocked => _plug.LockFitted && _plug.Held;
        public bool Authorized => _permission.Authorized;
        /// <summary>The residual-current self-test has passed since the plug went in, the last residual-current trip and the last fault cleared.</summary>
        public bool SelfTestPassed => _selfTest.Passed;
        /// <summary>Residual-current self-tests finished this boot, passed or failed.</summary>
        public int SelfTestsFinished => _selfTest.Finished;
        /// <summary>The control pilot as the core reads it (its level and the debouncer's rejections, for the health figures).</summary>
        public ControlPilot Pilot => _pilot;

        /// <summary>
        /// The most a derated connection may carry (the health monitor's, docs/health.md), set by the control thread
        /// between ticks; <see cref="CurrentLimit.NoLimitMa"/> when it is sound.
        /// </summary>
        public int HealthLimitMa { get; set; } = CurrentLimit.NoLimitMa;
        /// <summary>The current or last session, or null before the first.</summary>
        public Session Session => _sessions.Current;
        /// <summary>The last ended sessions, of earlier boots (from the journal) and of this one; null before <see cref="Start"/>.</summary>
        public SessionLog SessionLog => _sessions.History;

        /// <summary>Told just before each session's end event (set at boot, before the first tick; control thread).</summary>
        public ISessionEndObserver SessionEndObserver
        {
            set => _sessions.EndObserver = value;
        }

        /// <summary>A session runs or waits for its stop reading, or the contactor is closed: the pile is charging (read by the storage thread).</summary>
        public bool SessionActive => _sessions.Running || _sessions.Closing || _contactor.Closed;

        /// <summary>
        /// The meter should be polled at the charging interval: a session runs or waits for its stop reading, the contactor
        /// is closed, or current was seen with it open. Read by the meter thread.
        /// </summary>
        public bool MeterBusy => SessionActive || _meterWatch.CurrentSeenWhileOpen ||
            _nowMs - _contactor.OpenedAtMs < WatchAfterOpeningMs;
        public FaultBook Faults => _faults;

        /// <summary>In safe mode after a crash loop: Unavailable, reporting and listening only, until a technician clears it.</summary>
        public bool SafeMode => _safeMode;

        /// <summary>
        /// Announces the boot, drives every output to its safe state, and settles what the last run left: sessions open
        /// when power went end (reason PowerLoss or Reboot) with the first plausible reading after boot, latched faults stay
        /// latched.
        /// </summary>
        public void Start(BootContext boot)
        {
            _nowMs = _hw.Clock.NowMs;
            _meterWatch.Start(_nowMs);
            _safeMode = boot.SafeMode;
            _events.Boot(_nowMs, boot.Reason, boot.BootNumber, boot.WatchdogThread);
            _contactor.Start(_nowMs);
            _pilot.Drive(PilotMode.Off, 0, _nowMs);
            foreach (var warning in boot.ConfigWarnings)
                _events.ConfigWarning(_nowMs, warning);
            _sessions.Recover(boot, _nowMs);
            _configDamaged = boot.ConfigDamaged;
            foreach (var fault in boot.FaultStates)
            {
                if ((Fault)fault.Code != Fault.ConfigDamaged)
                    _faults.Restore((Fault)fault.Code, fault.Active && fault.Latched, fault.Number, _nowMs);
                else if (fault.Active && !_configDamaged)
                    _events.Fault(_nowMs, Fault.ConfigDamaged, false, false, 0); // this boot's configuration loaded: cleared
            }
            if (_configDamaged)
                _faults.Report(Fault.ConfigDamaged, true, _nowMs); // latches at once; its condition holds all this run
            _status.Announce(_safeMode || _configDamaged ? ConnectorStatus.Unavailable : ConnectorStatus.Available,
                _faults.CurrentErrorCode(), _nowMs);
        }

        public void Tick()
        {
            _nowMs = _hw.Clock.NowMs;
            SensePlug();
            _pilot.Sense(_nowMs);
            _selfTest.Run(_contactor.Closed, _nowMs);
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

        /// <summary>
        /// A planned reboot is on its way: the contactor closes no more, and a running session stops as on a stop command
        /// (PWM off, the contactor opens once the vehicle has opened S2, <c>stop.evTimeoutMs</c> at the latest), with
        /// reason Reboot. <see cref="ReadyForReboot"/> says when the reset may come.
        /// </summary>
        public void PrepareReboot()
        {
            _rebootComing = true;
            if (_sessions.Running)
                _permission.RequestStop(StopReason.Reboot);
        }

        /// <summary>A planned reboot was asked for and the contactor is open: resetting now cuts no current.</summary>
        public bool ReadyForReboot => _rebootComing && !_contactor.Closed;

        /// <summary>The answer to a command handled outside the core (config, reboot), into the same event stream.</summary>
        public string Report(string command, string rejection) => Answer(command, rejection);

        /// <summary>Stop charging: PWM off first, the contactor opens once the vehicle has opened S2 (3 s at the latest).</summary>
        public string RequestStop(StopReason reason) => Answer("stop", _permission.RequestStop(reason));

        /// <summary>Demand-response limit from the platform; <see cref="CurrentLimit.NoLimitMa"/> lifts it.</summary>
        public string SetPlatformLimitMa(int limitMa)
        {
            if (limitMa < 0)
                return Answer("limit", "a limit cannot be negative");
            _platformLimitMa = limitMa;
            return Answer("limit", null);
        }

        /// <summary>The pile's rated current in force: from the configuration it booted with (a stored change waits for the next boot).</summary>
        public int RatedMa => _ratedMa;

        /// <summary>The supply phases in force (1 or 3): from the configuration it booted with, like <see cref="RatedMa"/>.</summary>
        public int Phases => _phases;

        /// <summary>The platform's limit now, <see cref="CurrentLimit.NoLimitMa"/> when there is none.</summary>
        public int PlatformLimitMa => _platformLimitMa;

        public bool Available => _available;

        public AuthorizationMode AuthorizationMode => _permission.Mode;

        /// <summary>The network thread's view of the platform link; the fallback limit counts from when it was lost.</summary>
        /// <param name="trackingFailed">the link-tracking fault's condition (<see cref="Fault.LinkTracking"/>)</param>
        /// <param name="publishesRefused">the link-refused fault's condition (<see cref="Fault.LinkRefused"/>)</param>
        public void SetLinkOnline(bool online, bool trackingFailed, bool publishesRefused)
        {
            if (_linkOnline && !online)
                _linkLostAtMs = _hw.Clock.NowMs;
            _linkOnline = online;
            _linkTrackingFailed = trackingFailed;
            _linkPublishesRefused = publishesRefused;
        }

        /// <summary>
        /// The platform's opening hours and fleet list (kept by the command handler, which stores them): outside the hours
        /// only fleet id tags start, a free-mode pile is unavailable, and under auth.offline=fleet only fleet id tags start
        /// while the link is down. Without them (or before either is received) the pile is always open.
        /// </summary>
        public void UseLocalLists(OpeningHours hours, FleetList fleet)
        {
            _hours = hours;
            _fleet = fleet;
        }

        /// <summary>This id tag may charge now as far as the opening hours go: they are open, or it is a fleet tag.</summary>
        public bool OpenFor(string idTag) => IsFleetTag(idTag) || OpenNow();

        private bool IsFleetTag(string idTag) => _fleet != null && _fleet.Contains(idTag);

        private bool OpenNow() => _hours == null || _hours.IsOpen(_events.WallClockS(_hw.Clock.NowMs));

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
            if (_meterWatch.Rebaseline())
                return Answer("faults clear", null);
            return Answer("faults clear", _faults.ClearLatched(_hw.Clock.NowMs) > 0 ? null : "no fault whose condition has gone");
        }

        /// <summary>The platform clears one named fault whose condition has gone.</summary>
        public string ClearFault(Fault fault) =>
            Answer("clear-fault", _faults.ClearLatched(fault, _hw.Clock.NowMs) ? null : "not raised, or its condition still holds");

        /// <summary>
        /// A technician runs the residual-current self-test now (console `selftest rcd`), through the same schedule as
        /// the automatic ones: never while charging, nor while a trip it would mask or its own fault is raised.
        /// </summary>
        /// <returns>null when it starts at the next tick, else why not</returns>
        public string StartSelfTest()
        {
            string rejection = null;
            if (_contactor.Closed || _sessions.Running)
                rejection = "refused while charging: stop the charge first";
            else if (_selfTest.Busy)
                rejection = "a self-test is running already";
            else if (_faults.IsRaised(Fault.ResidualCurrentAc) || _faults.IsRaised(Fault.ResidualCurrentDc))
                rejection = "a residual-current trip is raised: the test would be masked";
            else if (_faults.IsRaised(Fault.ResidualCurrentSelfTest))
                rejection = "the self-test fault is raised: it retries by itself after its delay, or clear it first";
            if (rejection == null)
            {
                _selfTestRequested = true;
                _selfTestsAtRequest = _selfTest.Finished;
                _selfTest.Demand();
            }
            return Answer("selftest rcd", rejection);
        }

        /// <summary>The self-test a technician asked for has finished; <see cref="SelfTestPassed"/> tells how.</summary>
        public bool RequestedSelfTestFinished => _selfTestRequested && _selfTest.Finished > _selfTestsAtRequest;

        private string TryAuthorize(string idTag)
        {
            if (idTag == null || idTag.Length > MaxIdTagLength)
                return "id tag must be 1 to 20 characters";
            if (_safeMode)
                return "safe mode after repeated unexpected reboots";
            if (_configDamaged)
                return "configuration damaged: a technician or the platform must write it";
            if (!_available)
                return "connector unavailable";
            if (_faults.Any(FaultAction.Trip))
                return "connector faulted";
            if (!OpenFor(idTag))
                return "outside opening hours only fleet id tags may charge";
            return _permission.Grant(idTag, _linkOnline, IsFleetTag(idTag), _hw.Clock.NowMs);
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

        private void SensePlug()
        {
            _plug.Sense(_pilot.Stable, _nowMs); // a tethered pile sees its vehicle on the last tick's pilot
            if (_plug.InsertedNow)
            {
                if (_permission.Mode == AuthorizationMode.Free && !OpenNow())
                    Answer("plug-in", "outside opening hours: charging starts when the pile opens");
                _permission.PlugIn();
                _selfTest.Demand();
            }
            else if (_plug.RemovedNow)
            {
                _permission.Unplug();
                _selfTest.Spend();
            }
        }

        /// <summary>Every monitor reports into the fault book, in this order, so same-tick faults are always told alike.</summary>
        private void Monitor()
        {
            _monitors.CheckProtection(_selfTest.Busy, _selfTest.FailedNow,
                _hw.Supply != null ? _hw.Supply.VoltageMv : _meterWatch.SupplyMv(_nowMs), _nowMs);
            _meterWatch.Check(_pilot.AdvertisedMa, _contactor.Closed, _contactor.OpenedAtMs, _nowMs);
            if (_meterWatch.Lost)
                _sessions.MeterLost();
            // What the coil is commanded: open once the safety loop has opened it, though the core still holds it closed
            // until its decision below. The feedback is read first, so a trip between the two reads is an open command
            // whose contact has not yet followed (not settled), never a contact stuck open under a closed command.
            var feedbackClosed = _hw.Contactor.FeedbackClosed;
            _monitors.CheckContactor(_contactor.Closed && !_contactor.OpenedBySafetyLoop, feedbackClosed, _nowMs);
            // The plug is held from the moment a charge is wanted on it until the contactor is open and no current flows.
            _plug.HoldLock(_contactor.Closed || _permission.HoldsPlug(_plug.Plugged),
                _contactor.SeenOpen(_nowMs) && !_meterWatch.CurrentSeenWhileOpen, _nowMs);
            _monitors.CheckStorage(_sessions.RecordLate(_nowMs) || (_ledger != null && _ledger.Failing), _ledger != null && _ledger.Full,
                _ledger != null && _ledger.TakeJournalDamage(), _nowMs);
            _monitors.CheckPilot(_pilot, _plug.Plugged, _nowMs);
            _monitors.CheckLink(_linkTrackingFailed, _linkPublishesRefused, _nowMs);
            if (_site != null)
                _site.Update(_contactor.Closed, _nowMs);
            _selfTest.SpendOnInterruption();
        }

        private void Decide()
        {
            var tripped = _faults.Any(FaultAction.Trip);
            var sessionRunning = _sessions.Running;
            var plugged = _plug.Plugged;
            _permission.Review(plugged, _nowMs);

            var siteMa = _site == null ? CurrentLimit.NoLimitMa : _site.CapMa;
            var ownLimitMa = HealthLimitMa < siteMa ? HealthLimitMa : siteMa; // the pile's own health and its site
            var externalMa = ownLimitMa < _platformLimitMa ? ownLimitMa : _platformLimitMa; // and the platform's limit
            var limitMa = _meterWatch.CapMa(CurrentLimit.AdvertisedMa(_ratedMa, plugged ? _plug.CableMa : _ratedMa, externalMa,
                _fallbackMa, !_linkOnline && _nowMs - _linkLostAtMs >= _fallbackAfterMs, _monitors.HeatDivisor));
            // A free-mode pile is closed to everyone outside the opening hours; a session already running ends as usual.
            var closed = _permission.Mode == AuthorizationMode.Free && !sessionRunning && !OpenNow();
            var unavailable = _safeMode || _configDamaged || closed || (!_available && !(sessionRunning && !_permission.FaultEndsSession));
            // A new session needs a meter ready to bill it and a journal that can record it (its open record is not held behind one that failed).
            var offering = _permission.Wanted(plugged) && _selfTest.Passed && !tripped && _plug.Held &&
                !_faults.Any(FaultAction.Stop) && limitMa > 0 && !unavailable &&
                (sessionRunning || (_meterWatch.ReadyToBill(_nowMs) && (_ledger == null || !_ledger.Holding)));
            _pilot.Drive(tripped || unavailable ? PilotMode.StateF : offering ? PilotMode.Pwm : PilotMode.Off, offering ? limitMa : 0, _nowMs);

            var close = _contactor.Wanted(tripped, _pilot.VehicleReady, plugged && _plug.Held, offering, _monitors.SupplyInRange,
                _monitors.DiodeShown, _pilot.PwmOffAtMs, _nowMs);
            if (close && !_contactor.Closed)
                close = !_rebootComing && _permission.ReadyToClose(_contactor.OpenedAtMs, _nowMs); // a planned reboot closes nothing more
            _contactor.Switch(close, _nowMs);
            _sessions.Checkpoint(_contactor.Closed, _nowMs);
            _permission.EndSessions(_contactor.Closed, _contactor.OpenedAtMs, plugged, _nowMs);
            if (sessionRunning && !_sessions.Running && plugged)
                _selfTest.Demand(); // a pass serves one session: the next on this plug-in is tested again first
            _sessions.Settle(_contactor.Closed, _contactor.OpenedAtMs, _nowMs, false);
            _status.Update(StatusNow(tripped, unavailable), _faults.CurrentErrorCode(), _nowMs);
        }

        private ConnectorStatus StatusNow(bool tripped, bool unavailable)
        {
            if (_safeMode)
                return ConnectorStatus.Unavailable;
            if (tripped)
                return ConnectorStatus.Faulted;
            if (unavailable)
                return ConnectorStatus.Unavailable;
            if (!_plug.Plugged)
                return ConnectorStatus.Available;
            var pwm = _pilot.Mode == PilotMode.Pwm;
            if (_contactor.Closed)
                return pwm ? ConnectorStatus.Charging : _permission.StopRequested ? ConnectorStatus.Finishing : ConnectorStatus.SuspendedEVSE;
            if (_permission.Finished)
                return ConnectorStatus.Finishing;
            if (!_permission.Authorized || !_selfTest.Passed || !_plug.Held)
                return ConnectorStatus.Preparing;
            return pwm ? ConnectorStatus.SuspendedEV : ConnectorStatus.SuspendedEVSE;
        }
    }
}
