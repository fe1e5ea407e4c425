using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Hal;
using ChargeController.Sim.Board;
using ChargeController.Sim.Link;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using ChargeController.Sim.Trace;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The whole pile on the simulated board, stepped tick by tick on virtual time: what the device's threads do, in
    /// order. Each tick the vehicle reacts to the pilot, the meter measures and is polled when due, the core ticks and
    /// beats, the event stream goes to the journal and the writer, and the supervisor checks the beat. Power can be cut
    /// and restored, the control loop hung, and the pile rebooted: each boot runs the real boot sequence on the same
    /// simulated flash. The scenario runner and the interactive PileSim both drive this.
    /// </summary>
    public sealed class SimulatedPile : ISupervisionOutputs
    {
        public const int EventCapacity = 256;
        /// <summary>Messages the simulated broker keeps in its log, topics it retains, and the largest message it carries.</summary>
        public const int BrokerLogCapacity = 16;
        public const int BrokerRetainedTopics = 4;
        public const int BrokerMaxPayloadBytes = Firmware.Telemetry.MessageEncoder.MaxBytes;

        private readonly PileConfig _factoryConfig;
        private readonly IEventWriter _writer;
        private readonly bool _threePhasePile;
        private PileConfig _config;
        private JournalRecorder _recorder;
        private Supervisor _supervisor;
        private long _nextTickMs;
        private long _hungUntilMs = -1;
        private bool _powered = true;
        private bool _rebootPending;

        /// <param name="config">the pile's settings before anything stored on its flash overrides them</param>
        public SimulatedPile(PileConfig config, IEventWriter writer)
        {
            _factoryConfig = config;
            _writer = writer;
            Board = new SimBoard();
            Store = new SimFileStore();
            Link = new SimBrokerLink(Board.Clock, new SimBroker(BrokerLogCapacity, BrokerRetainedTopics, BrokerMaxPayloadBytes), BrokerMaxPayloadBytes);
            _threePhasePile = MeterSetup.Phases(config) == 3;
            var profile = MeterSetup.ProfileFrom(config);
            if (profile != null)
            {
                Meter = new SimMeter(profile, (byte)config.Get(ConfigKeys.MeterAddress));
                Bus = new SimModbusBus(Meter);
            }
        }

        public SimBoard Board { get; }
        public SimFileStore Store { get; }
        /// <summary>The pile's network path to the simulated broker: `link down` and `link up` cut and restore it.</summary>
        public SimBrokerLink Link { get; }
        /// <summary>The simulated meter, or null with `meter.profile=none`.</summary>
        public SimMeter Meter { get; }
        public SimModbusBus Bus { get; }
        public MeterPoller Poller { get; private set; }
        public EventRing Events { get; private set; }
        /// <summary>The running firmware's core; a new one after every boot.</summary>
        public Pile Pile { get; private set; }
        public BootContext LastBoot { get; private set; }
        public int Boots { get; private set; }
        public int WatchdogKicks { get; private set; }
        public bool Powered => _powered;
        /// <summary>The control loop is stalled by a `hang` (the supervisor is still watching).</summary>
        public bool Hung => NowMs < _hungUntilMs;

        /// <summary>The configuration as of the last config change that was stored, or null before any.</summary>
        public PileConfig LastStoredConfig { get; private set; }
        public long NowMs => Board.Clock.NowMs;

        public void Start() => Boot();

        /// <summary>Runs every tick up to and including <paramref name="timeMs"/>.</summary>
        public void AdvanceTo(long timeMs)
        {
            while (_nextTickMs <= timeMs)
            {
                Board.Clock.AdvanceTo(_nextTickMs);
                Board.Step();
                Link.Step();
                StepMeter();
                if (_powered && !Hung)
                {
                    Pile.Tick();
                    _supervisor.Heartbeat();
                }
                Drain();
                if (_powered && _supervisor.Check(NowMs))
                    Drain();
                if (_powered && Store.PoweredOff)
                    CutPower(); // the flash saw the power go first (a cut armed at a write)
                if (_rebootPending)
                    Boot();
                _nextTickMs += Pile.TickMs;
            }
        }

        /// <summary>Applies one scenario step to the board or the firmware, now.</summary>
        /// <returns>null when done, else why the step cannot apply to this pile (nothing changed then)</returns>
        public string Apply(ScenarioStep step)
        {
            var refusal = Refusal(step);
            if (refusal != null)
                return refusal;
            Board.Clock.AdvanceTo(step.TimeMs);
            var vehicle = Board.Vehicle;
            switch (step.Verb)
            {
                case ScenarioVerb.Plug: vehicle.Plug(step.Number); break;
                case ScenarioVerb.Unplug: vehicle.Unplug(); break;
                case ScenarioVerb.EvReady: vehicle.Ready = true; break;
                case ScenarioVerb.EvPause: vehicle.Ready = false; break;
                case ScenarioVerb.EvVentilation: vehicle.Ventilation = true; break;
                case ScenarioVerb.EvDraw: vehicle.WantedMa = step.Number * 1000; vehicle.ThreePhase = step.Text != null; break;
                case ScenarioVerb.EvDisobey: vehicle.Disobey(); break;
                case ScenarioVerb.EvObey: vehicle.Obey(); break;
                case ScenarioVerb.EvDiodeMissing: vehicle.DiodeMissing = true; break;
                case ScenarioVerb.CpShort: Board.Pilot.Shorted = true; break;
                case ScenarioVerb.CpOpen: Board.Pilot.WireOpen = true; break;
                case ScenarioVerb.CpLevel: Board.Pilot.ForcedLevelMv = step.Number; break;
                case ScenarioVerb.CpRestore: Board.Pilot.Restore(); break;
                case ScenarioVerb.RcdAc: Board.ResidualCurrent.AcResidualMa = step.Number; break;
                case ScenarioVerb.RcdDc: Board.ResidualCurrent.DcResidualMa = step.Number; break;
                case ScenarioVerb.RcdClear: Board.ResidualCurrent.AcResidualMa = 0; Board.ResidualCurrent.DcResidualMa = 0; break;
                case ScenarioVerb.RcdSelfTestBroken: Board.ResidualCurrent.SelfTestBroken = true; break;
                case ScenarioVerb.Grid: Board.Sensors.VoltageMv = step.Number * 1000; break;
                case ScenarioVerb.Temp: Board.Sensors.EnclosureDeciC = step.Number * 10; break;
                case ScenarioVerb.TempConnector: Board.Sensors.ConnectorDeciC = step.Number * 10; break;
                case ScenarioVerb.EstopPress: Board.Sensors.Pressed = true; break;
                case ScenarioVerb.EstopRelease: Board.Sensors.Pressed = false; break;
                case ScenarioVerb.ContactorWeld: Board.Contactor.Welded = true; break;
                case ScenarioVerb.ContactorUnweld: Board.Contactor.Welded = false; break;
                case ScenarioVerb.ContactorStuck: Board.Contactor.Stuck = true; break;
                case ScenarioVerb.MeterOffline: Meter.Offline = true; break;
                case ScenarioVerb.MeterOnline: Meter.Offline = false; Meter.Garbage = false; Meter.SlaveError = false; break;
                case ScenarioVerb.MeterGarbage: Meter.Garbage = true; break;
                case ScenarioVerb.MeterBackwards: Meter.RunBackwards(step.Number); break;
                case ScenarioVerb.MeterSlaveError: Meter.SlaveError = true; break;
                case ScenarioVerb.PowerCut: CutPower(); break;
                case ScenarioVerb.PowerRestore: RestorePower(); break;
                case ScenarioVerb.Hang: _hungUntilMs = NowMs + step.Number; break;
                case ScenarioVerb.StorageCorruptTail: Store.CorruptTail(Journal.FileName, 7); break;
                case ScenarioVerb.LinkDown: Link.SetNetwork(false); ApplyToFirmware(step); break;
                case ScenarioVerb.LinkUp: Link.SetNetwork(true); ApplyToFirmware(step); break;
                default: ApplyToFirmware(step); break;
            }
            Drain();
            return null;
        }

        /// <summary>Why a step cannot apply to this pile now, or null.</summary>
        public string Refusal(ScenarioStep step)
        {
            var meterVerb = step.Verb == ScenarioVerb.MeterOffline || step.Verb == ScenarioVerb.MeterOnline ||
                step.Verb == ScenarioVerb.MeterGarbage || step.Verb == ScenarioVerb.MeterBackwards || step.Verb == ScenarioVerb.MeterSlaveError;
            return meterVerb && Meter == null ? "this pile has no meter (meter.profile=none)" : null;
        }

        /// <summary>Commands to the firmware; with the power off nothing hears them.</summary>
        private void ApplyToFirmware(ScenarioStep step)
        {
            if (!_powered)
                return;
            switch (step.Verb)
            {
                case ScenarioVerb.Authorize: Pile.Authorize(step.Text); break;
                case ScenarioVerb.Stop: Pile.RequestStop(StopReason.Local); break;
                case ScenarioVerb.RemoteStop: Pile.RequestStop(StopReason.Remote); break;
                case ScenarioVerb.Limit: Pile.SetPlatformLimitMa(step.Number * 1000); break;
                case ScenarioVerb.LinkDown: Pile.SetLinkOnline(false); break;
                case ScenarioVerb.LinkUp: Pile.SetLinkOnline(true); break;
                case ScenarioVerb.Available: Pile.SetAvailable(true); break;
                case ScenarioVerb.Unavailable: Pile.SetAvailable(false); break;
                case ScenarioVerb.ClearFaults: Pile.ClearFaults(); break;
                case ScenarioVerb.Reboot: _supervisor.PlannedReboot(); break;
                case ScenarioVerb.ConfigChange: ChangeConfig(step.Text); break;
                case ScenarioVerb.SafeModeClear:
                    if (Pile.LeaveSafeMode() == null)
                        LastBoot.Keeper.ClearCrashLoop();
                    break;
            }
        }

        /// <summary>A config change is validated against the whole configuration, stored, and applies at the next boot.</summary>
        private void ChangeConfig(string assignment)
        {
            var error = _config.SetConsistent(assignment);
            if (error == null && !new ConfigStore(Store).Save(_config))
                error = "could not store the configuration";
            if (error == null)
            {
                LastStoredConfig = new PileConfig();
                LastStoredConfig.CopyFrom(_config);
            }
            Pile.Report("config", error);
        }

        public void KickWatchdog() => WatchdogKicks++;

        public void Reboot() => _rebootPending = true;

        private void Boot()
        {
            _rebootPending = false;
            _hungUntilMs = -1;
            _config = new PileConfig();
            _config.CopyFrom(_factoryConfig);
            var boot = BootSequence.Run(Store, _config);
            Events = new EventRing(EventCapacity);
            Poller = Bus == null ? null : MeterSetup.PollerFrom(_config, Bus);
            var ledger = new SessionLedger();
            _recorder = new JournalRecorder(boot.Journal, ledger);
            Pile = new Pile(_config, Board.Hardware, Poller, ledger, Events);
            _supervisor = new Supervisor(Board.Pilot, Board.Contactor, this, boot.Keeper, new EventRing(4),
                _config.Get(ConfigKeys.StallLimitMs), NowMs + _config.Get(ConfigKeys.CrashLoopWindowS) * 1000L);
            LastBoot = boot;
            Boots++;
            Pile.Start(boot);
            Drain();
        }

        private void CutPower()
        {
            _powered = false;
            Store.CutPower();
            Board.Contactor.Command(false);      // the coil loses its supply
            Board.Pilot.Drive(PilotMode.Off, 0);
            Board.ResidualCurrent.SetTestCurrent(false);
        }

        private void RestorePower()
        {
            if (_powered)
                return;
            _powered = true;
            Store.RestorePower();
            Boot();
        }

        /// <summary>The meter measures, and the poller (the meter thread on the device) reads it when due.</summary>
        private void StepMeter()
        {
            if (Meter == null)
                return;
            var threePhase = _threePhasePile && Board.Vehicle.ThreePhase;
            Meter.Step(NowMs, Board.Sensors.VoltageMv, Board.SocketCurrentMa, threePhase);
            if (_powered && Poller.PollDue(NowMs, Pile.MeterBusy))
                Poller.Poll(NowMs);
        }

        /// <summary>The storage thread's work: each event to the journal, then to the writer.</summary>
        private void Drain()
        {
            PileEvent e;
            while (Events.TryRead(out e))
            {
                if (_powered)
                    _recorder.Record(e);
                _writer.Write(e);
            }
            while (_supervisor != null && _supervisor.Events.TryRead(out e))
                _writer.Write(e);
        }
    }
}
