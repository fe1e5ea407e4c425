using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Site;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;
using ChargeController.Loader;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Console;
using ChargeController.Sim.Memory;
using ChargeController.Sim.Link;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using ChargeController.Sim.Trace;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The simulated board, its virtual clock and the scenario engine around the pile's runtime (the same
    /// <see cref="PileRuntime"/> the device runs). It is the deterministic scheduler of the runtime's threads: each 10 ms
    /// of virtual time the vehicle reacts to the pilot and the meter measures (the world), then the meter thread's, the
    /// safety thread's, the control thread's, the storage thread's and the supervisor's work run once each, in that
    /// order, and the storage thread's once more after the supervisor. Power can be cut and restored, the control loop hung, storage
    /// stalled and the pile rebooted: each boot runs the real boot sequence on the same simulated flash. The scenario
    /// runner and the interactive PileSim both drive this.
    /// </summary>
    public sealed class SimulatedPile : ISupervisionOutputs
    {
        /// <summary>Messages the simulated broker keeps in its log, topics it retains, and the largest message it carries.</summary>
        public const int BrokerLogCapacity = 16;
        public const int BrokerRetainedTopics = 4;
        public const int BrokerMaxPayloadBytes = Firmware.Telemetry.MessageEncoder.MaxBytes;

        private readonly bool _threePhasePile;
        private readonly bool _tethered;
        private long _nextTickMs;
        private long _hungUntilMs = -1;
        private long _crashAtMs = -1;
        private long _storageStalledUntilMs = -1;
        private long _supervisorStalledUntilMs = -1;
        private bool _powered = true;
        private bool _rebootPending;
        private bool _configChangePending;
        private IMemoryProbe _probe = NoMemoryProbe.Instance;
        private readonly IMessageTrace _messages;
        private readonly ISiteTrace _siteTrace;
        private readonly byte _siteAddress;
        private readonly byte[] _command;
        private long _wallClockAtZeroS;

        /// <param name="config">the pile's settings before anything stored on its flash overrides them</param>
        /// <param name="probe">told what the run is doing, from its construction on; null when nobody measures</param>
        /// <param name="brokerLink">a link to a real broker (PileSim --broker), with <paramref name="network"/>, the path it
        /// takes; null for the simulated broker and link on virtual time</param>
        /// <param name="linkSettings">who the pile is to its broker; null for <see cref="DefaultLink"/></param>
        public SimulatedPile(PileConfig config, IEventWriter writer, IMemoryProbe probe = null, IBrokerLink brokerLink = null,
            INetworkPath network = null, LinkSettings linkSettings = null)
        {
            if ((brokerLink == null) != (network == null))
                throw new System.ArgumentException("a broker link for the simulated pile comes with the network path it takes");
            _probe = probe ?? NoMemoryProbe.Instance;
            _probe.Begin(RunPart.World); // the board, flash, broker, meter and the technician's terminal: not the pile's memory
            Board = new SimBoard();
            Store = new SimFileStore { Probe = _probe };
            if (brokerLink == null)
            {
                Link = new SimBrokerLink(Board.Clock, new SimBroker(BrokerLogCapacity, BrokerRetainedTopics, BrokerMaxPayloadBytes), BrokerMaxPayloadBytes);
                brokerLink = Link;
                network = Link;
            }
            BrokerLink = brokerLink;
            Network = network;
            LinkSettings = linkSettings ?? DefaultLink;
            Topics = new PlatformTopics(LinkSettings.TopicRoot ?? PlatformTopics.DefaultRoot(LinkSettings.PileId));
            _command = new byte[2 * JsonReader.MaxBytes]; // the network thread's receive buffer
            _threePhasePile = MeterSetup.Phases(config) == 3;
            _tethered = config.Get(ConfigKeys.Connector) == 1;
            var profile = MeterSetup.ProfileFrom(config);
            if (profile != null)
                Meter = new SimMeter(profile, (byte)config.Get(ConfigKeys.MeterAddress));
            var siteProfile = SiteSetup.ProfileFrom(config);
            if (siteProfile != null)
                Site = new SimSite(new SimMeter(siteProfile, (byte)config.Get(ConfigKeys.SiteMeterAddress)));
            if (Meter != null || Site != null)
                Bus = new SimModbusBus(Meter) { Site = Site?.Meter };
            _siteTrace = writer as ISiteTrace;
            _siteAddress = (byte)config.Get(ConfigKeys.SiteMeterAddress);
            ConsolePort = new SimConsolePort(Board.Clock, writer as IConsoleTrace);
            Loader = new SimLoader(Store);
            _probe.End(RunPart.World);
            Runtime = new PileRuntime(config, Board.Hardware, Store, Bus, this, writer, brokerLink, LinkSettings, writer as ILinkObserver, ConsolePort);
            _messages = writer as IMessageTrace;
        }

        /// <summary>
        /// The wall clock as SNTP would set it, in Unix seconds at virtual time 0; 0 while unset (the default: a pile
        /// whose clock is not set). Every boot gets it, as every boot asks SNTP.
        /// </summary>
        public long WallClockAtZeroS
        {
            get => _wallClockAtZeroS;
            set
            {
                _wallClockAtZeroS = value;
                if (_powered && value != 0 && Pile != null) // before Start, the first boot sets it
                    Pile.SetWallClock(value + NowMs / 1000);
            }
        }

        /// <summary>The pile id and topic root a simulated pile connects with unless it is given others.</summary>
        public static readonly LinkSettings DefaultLink = new LinkSettings();

        /// <summary>The pile id and topic root this pile connects with.</summary>
        public LinkSettings LinkSettings { get; }
        /// <summary>This pile's topics, under its root.</summary>
        public PlatformTopics Topics { get; }

        /// <summary>The composition root the device uses too; a new core in it after every boot.</summary>
        public PileRuntime Runtime { get; }

        public SimBoard Board { get; }
        public SimFileStore Store { get; }
        /// <summary>What the device's loader does before each boot: the slot record, the slot chosen, a rollback.</summary>
        public SimLoader Loader { get; }
        /// <summary>Serves the packages of `update offer` and the keys of `update key`; null refuses those verbs.</summary>
        public IPackageDesk Packages { get; set; }
        /// <summary>The simulated broker link, or null when the pile was given a link to a real broker.</summary>
        public SimBrokerLink Link { get; }
        /// <summary>The pile's link to its broker: <see cref="Link"/>, or the one it was given.</summary>
        public IBrokerLink BrokerLink { get; }
        /// <summary>The pile's network path to its broker: `link down` and `link up` cut and restore it.</summary>
        public INetworkPath Network { get; }
        /// <summary>The simulated meter, or null with `meter.profile=none`.</summary>
        public SimMeter Meter { get; }
        /// <summary>The site behind its meter (household, PV, the pile), or null with `site.mode=off`.</summary>
        public SimSite Site { get; }
        public SimModbusBus Bus { get; }
        /// <summary>The technician console's serial port: `console &lt;line&gt;` types into it, its output goes to the trace.</summary>
        public SimConsolePort ConsolePort { get; }
        public MeterPoller Poller => Runtime.Poller;
        public EventRing Events => Runtime.Events;
        /// <summary>The running firmware's core; a new one after every boot.</summary>
        public Pile Pile => Runtime.Pile;
        public BootContext LastBoot => Runtime.LastBoot;
        public int Boots { get; private set; }
        public int WatchdogKicks { get; private set; }
        public bool Powered => _powered;
        /// <summary>The control loop is stalled by a `hang` (the safety loop and the supervisor still run).</summary>
        public bool Hung => NowMs < _hungUntilMs;

        /// <summary>The supervisor thread does not run until then (it kicks no watchdog, winds no reboot down).</summary>
        public void StallSupervisorUntil(long timeMs) => _supervisorStalledUntilMs = timeMs;

        /// <summary>The storage thread is blocked (a flash write that takes this long): the event ring fills meanwhile.</summary>
        public void StallStorageUntil(long timeMs) => _storageStalledUntilMs = timeMs;

        /// <summary>The configuration as of the last `config` verb's change that was stored, or null before any.</summary>
        public PileConfig LastStoredConfig { get; private set; }
        public long NowMs => Board.Clock.NowMs;

        /// <summary>Told where each boot and tick begins and ends, and when the flash allocates for itself; for memory measurements.</summary>
        public IMemoryProbe Probe
        {
            get => _probe;
            set
            {
                _probe = value ?? NoMemoryProbe.Instance;
                Store.Probe = _probe;
            }
        }

        public void Start() => Boot();

        /// <summary>Runs every tick up to and including <paramref name="timeMs"/>.</summary>
        public void AdvanceTo(long timeMs)
        {
            while (_nextTickMs <= timeMs)
            {
                _probe.Begin(RunPart.Tick);
                Board.Clock.AdvanceTo(_nextTickMs);
                Board.Step();
                Network.Step();
                StepMeter();
                if (_powered)
                    Runtime.Safety.RunOnce(NowMs); // before the control work, and on through a hang: it is a thread of its own
                if (_powered && !Hung)
                {
                    Runtime.Control.RunOnce(NowMs);
                    FinishConfigChange();
                }
                if (_powered)
                    Runtime.ConsoleWork.RunOnce(NowMs);
                Drain();
                if (_powered)
                {
                    if (NowMs >= _supervisorStalledUntilMs)
                        Runtime.Supervision.RunOnce(NowMs);
                    Drain();
                    Runtime.Network.RunOnce(NowMs);
                }
                if (_powered && Store.PoweredOff)
                    CutPower(); // the flash saw the power go first (a cut armed at a write)
                _probe.End(RunPart.Tick);
                if (_crashAtMs >= 0 && NowMs >= _crashAtMs && _powered)
                {
                    _crashAtMs = -1; // the firmware marked to crash dies: a reset without a word, as a hard fault gives one
                    _rebootPending = true;
                }
                if (_rebootPending)
                    Boot();
                _nextTickMs += Pile.TickMs;
            }
        }

        /// <summary>Applies one scenario step to the board or the firmware, now.</summary>
        /// <returns>null when done, else why the step cannot apply to this pile (nothing changed then)</returns>
        public string Apply(ScenarioStep step)
        {
            var refusal = Refusal(step) ?? PlugRule.Refusal(step.Verb, Board.Vehicle.Plugged) ?? RefusalNow(step);
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
                case ScenarioVerb.CcOpen: Board.Sensors.CcOpen = true; break;
                case ScenarioVerb.CcRestore: Board.Sensors.CcOpen = false; break;
                case ScenarioVerb.RcdAc: Board.ResidualCurrent.AcResidualMa = step.Number; break;
                case ScenarioVerb.RcdDc: Board.ResidualCurrent.DcResidualMa = step.Number; break;
                case ScenarioVerb.RcdClear: Board.ResidualCurrent.AcResidualMa = 0; Board.ResidualCurrent.DcResidualMa = 0; break;
                case ScenarioVerb.RcdSelfTestBroken: Board.ResidualCurrent.SelfTestBroken = true; break;
                case ScenarioVerb.RcdSelfTestFlaky: Board.ResidualCurrent.FlakyTests = 1; break;
                case ScenarioVerb.AgeTerminal: Board.Ageing.LoosenTerminal(step.Number); break;
                case ScenarioVerb.AgeFeeder: Board.Ageing.WeakenFeeder(step.Number); break;
                case ScenarioVerb.AgeContactor: Board.Ageing.WearContactor(step.Number); break;
                case ScenarioVerb.Grid: Board.Sensors.VoltageMv = step.Number * 1000; break;
                case ScenarioVerb.Temp: Board.Sensors.EnclosureDeciC = step.Number * 10; break;
                case ScenarioVerb.TempConnector: Board.Sensors.ConnectorDeciC = step.Number * 10; break;
                case ScenarioVerb.EstopPress: Board.Sensors.Pressed = true; break;
                case ScenarioVerb.EstopRelease: Board.Sensors.Pressed = false; break;
                case ScenarioVerb.ContactorWeld: Board.Contactor.Welded = true; break;
                case ScenarioVerb.ContactorUnweld: Board.Contactor.Welded = false; break;
                case ScenarioVerb.ContactorStuck: Board.Contactor.Stuck = true; break;
                case ScenarioVerb.LockJam: Board.Lock.Jammed = true; break;
                case ScenarioVerb.LockStuck: Board.Lock.Stuck = true; break;
                case ScenarioVerb.LockOk: Board.Lock.Jammed = false; Board.Lock.Stuck = false; break;
                case ScenarioVerb.MeterOffline: Meter.Offline = true; break;
                case ScenarioVerb.MeterOnline: Meter.Offline = false; Meter.Garbage = false; Meter.SlaveError = false; break;
                case ScenarioVerb.MeterGarbage: Meter.Garbage = true; break;
                case ScenarioVerb.MeterBackwards: Meter.RunBackwards(step.Number); break;
                case ScenarioVerb.MeterSlaveError: Meter.SlaveError = true; break;
                case ScenarioVerb.MeterFlaky: Meter.FlakyPercent = step.Number; break;
                case ScenarioVerb.PowerCut: CutPower(); break;
                case ScenarioVerb.PowerCutAfter: Store.CutPowerAtWrite(Store.Writes + step.Number + 1); break;
                case ScenarioVerb.UpdateKey: ProvisionKey(Packages.Key(step.Text)); break;
                case ScenarioVerb.PowerRestore: RestorePower(); break;
                case ScenarioVerb.Hang: _hungUntilMs = NowMs + step.Number; break;
                case ScenarioVerb.StorageCorruptTail: Store.CorruptTail(Journal.FileName, 7); break;
                case ScenarioVerb.StorageDamageConfig: Store.DamageMiddle(NewestConfigCopy()); break;
                case ScenarioVerb.StorageDamageConfigAll:
                    foreach (var name in ConfigStore.CopyNames)
                        if (Store.DurableContent(name).Length > 0)
                            Store.DamageMiddle(name);
                    break;
                case ScenarioVerb.LinkDown: Network.SetNetwork(false); break; // the pile finds out for itself, after a keepalive
                case ScenarioVerb.LinkUp: Network.SetNetwork(true); break;
                case ScenarioVerb.Clock: WallClockAtZeroS = ScenarioParser.UnixSeconds(step.Text) - NowMs / 1000; break;
                case ScenarioVerb.Console: ConsolePort.TypeLine(step.Text); break;
                case ScenarioVerb.SiteLoad: Site.LoadMa = step.Number * 1000; break;
                case ScenarioVerb.SitePv: Site.PvW = step.Number; break;
                case ScenarioVerb.SiteMeterOffline: Site.Meter.Offline = true; break;
                case ScenarioVerb.SiteMeterOnline: Site.Meter.Offline = false; Site.Meter.Garbage = false; SwapMeters(false); break;
                case ScenarioVerb.SiteMeterGarbage: Site.Meter.Garbage = true; break;
                case ScenarioVerb.SiteMeterSwap: SwapMeters(true); break;
                default: ApplyToFirmware(step); break;
            }
            Drain();
            if (_powered && FinishConfigChange()) // a config change stored in that drain is answered in the same step
                Drain();
            return null;
        }

        /// <summary>Why a step cannot apply to this pile at all, or null (checked before a scenario runs).</summary>
        public string Refusal(ScenarioStep step)
        {
            var meterVerb = step.Verb == ScenarioVerb.MeterOffline || step.Verb == ScenarioVerb.MeterOnline ||
                step.Verb == ScenarioVerb.MeterGarbage || step.Verb == ScenarioVerb.MeterBackwards || step.Verb == ScenarioVerb.MeterSlaveError ||
                step.Verb == ScenarioVerb.MeterFlaky;
            if (meterVerb && Meter == null)
                return "this pile has no meter (meter.profile=none)";
            var siteVerb = step.Verb >= ScenarioVerb.SiteLoad && step.Verb <= ScenarioVerb.SiteMeterSwap;
            if (siteVerb && Site == null)
                return "this pile has no site meter (site.mode=off)";
            if (step.Verb == ScenarioVerb.SiteMeterSwap && Meter == null)
                return "this pile has no meter of its own to swap with (meter.profile=none)";
            if (step.Verb == ScenarioVerb.UpdateKey || step.Verb == ScenarioVerb.UpdateOffer)
                return Packages == null ? "no package desk here: `PileSim run` on its simulated broker serves packages and keys" : Packages.Problem(step);
            var lockVerb = step.Verb == ScenarioVerb.LockJam || step.Verb == ScenarioVerb.LockStuck || step.Verb == ScenarioVerb.LockOk;
            return lockVerb && _tethered ? "this pile has no plug lock (pile.connector=tethered)" : null;
        }

        /// <summary>Why a step that suits this pile cannot take effect in the state it is in now, or null.</summary>
        private string RefusalNow(ScenarioStep step)
        {
            if (step.Verb == ScenarioVerb.Cmd && _powered && Runtime.CommandInbox.Count == Runtime.CommandInbox.Capacity)
                return "the pile's command inbox is full (its network thread answers busy)";
            if (step.Verb == ScenarioVerb.PowerRestore && _powered)
                return "the pile is powered already ('power cut' first)";
            if ((step.Verb == ScenarioVerb.PowerCut || step.Verb == ScenarioVerb.PowerCutAfter) && !_powered)
                return "the power is off already ('power restore' first)";
            if (step.Verb == ScenarioVerb.LinkUp && Network.NetworkUp)
                return "the network is up already ('link down' first)";
            if (step.Verb == ScenarioVerb.LinkDown && !Network.NetworkUp)
                return "the network is down already ('link up' first)";
            if (step.Verb == ScenarioVerb.Console && !_powered)
                return "the pile is off: nothing reads the console ('power restore' first)";
            if (step.Verb == ScenarioVerb.Console && ConsolePort.Waiting + Utf8Bytes.Count(step.Text) + 1 > SimConsolePort.ReceiveBytes)
                return "the console's receive buffer is full: let the pile read what was typed first";
            if (step.Verb == ScenarioVerb.StorageDamageConfig && NewestConfigCopy() == null)
                return "no intact stored configuration to damage (a `config key=value` stores one)";
            if (step.Verb == ScenarioVerb.StorageDamageConfigAll && Store.DurableContent(ConfigStore.CopyNames[0]).Length == 0 &&
                Store.DurableContent(ConfigStore.CopyNames[1]).Length == 0)
                return "no stored configuration to damage (a `config key=value` stores one)";
            return null;
        }

        /// <summary>The name of the intact configuration copy with the highest generation, or null; read with the power on or off.</summary>
        private string NewestConfigCopy()
        {
            string newest = null;
            var generation = -1;
            foreach (var name in ConfigStore.CopyNames)
            {
                var content = Store.DurableContent(name);
                var copy = ConfigStore.GenerationOf(ConfigStore.TextOf(content, content.Length));
                if (copy > generation)
                {
                    newest = name;
                    generation = copy;
                }
            }
            return newest;
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
                case ScenarioVerb.Available: Pile.SetAvailable(true); break;
                case ScenarioVerb.Unavailable: Pile.SetAvailable(false); break;
                case ScenarioVerb.ClearFaults: Pile.ClearFaults(); break;
                case ScenarioVerb.Cmd: Receive(step.Text); break;
                case ScenarioVerb.UpdateOffer: Receive(Packages.Offer(step.Text)); break;
                case ScenarioVerb.Reboot: Runtime.RequestPlannedReboot(); break; // wound down first, like the console's
                case ScenarioVerb.ConfigChange: ChangeConfig(step.Text); break;
                case ScenarioVerb.SafeModeClear:
                    if (Pile.LeaveSafeMode() == null)
                        LastBoot.Keeper.ClearCrashLoop();
                    break;
            }
        }

        /// <summary>
        /// A config change the way the console and the platform make one (<see cref="ConfigWrite"/>): validated against the
        /// whole configuration, stored by the storage thread, answered once stored (<see cref="FinishConfigChange"/>), and
        /// applied at the next boot.
        /// </summary>
        private void ChangeConfig(string assignment)
        {
            var write = Runtime.ConfigWrite;
            var candidate = write.Begin();
            var error = candidate == null ? StorageBusy : candidate.SetConsistent(assignment);
            if (error == null && !write.TryPost())
                error = StorageBusy;
            if (error != null)
                Pile.Report("config", error);
            else
                _configChangePending = true;
        }

        private const string StorageBusy = "storage is busy with an earlier change: nothing was changed";

        /// <summary>Control thread: answers a config change once the storage thread has written it.</summary>
        /// <returns>whether it answered (its events wait in the ring)</returns>
        private bool FinishConfigChange()
        {
            if (!_configChangePending || !Runtime.ConfigWrite.Done)
                return false;
            _configChangePending = false;
            var stored = Runtime.ConfigWrite.Finish();
            if (stored)
            {
                LastStoredConfig = new PileConfig();
                LastStoredConfig.CopyFrom(Runtime.Config);
            }
            Pile.Report("config", stored ? null : "could not store the configuration");
            return true;
        }

        /// <summary>A command as the network thread hands it over: its UTF-8 bytes into the inbox, and into the trace.</summary>
        private void Receive(string json)
        {
            var length = Utf8Bytes.Write(json, _command, 0);
            _messages?.Received(NowMs, Topics.Commands, _command, length);
            Runtime.CommandInbox.TryPost(_command, 0, length, NowMs);
        }

        /// <summary>update-key.bin written as nanoff's file deployment writes it: whole, with the power on or off.</summary>
        private void ProvisionKey(byte[] key)
        {
            if (!Store.Load(UpdateKey.FileName, key))
                throw new System.InvalidOperationException("the simulated flash is full: no room for " + UpdateKey.FileName);
        }

        public void KickWatchdog() => WatchdogKicks++;

        public void Reboot() => _rebootPending = true;

        private void Boot()
        {
            _probe.Begin(RunPart.Boot);
            _rebootPending = false;
            _hungUntilMs = -1;
            _storageStalledUntilMs = -1;
            _supervisorStalledUntilMs = -1;
            Boots++;
            Network.DeviceLost();
            _crashAtMs = Loader.Boot() ? NowMs + SimLoader.CrashAfterMs : -1;
            if (Store.PoweredOff)
            {
                // the power failed as the loader saved the slot record: nothing of the firmware ran
                _probe.End(RunPart.Boot);
                CutPower();
                return;
            }
            Runtime.Boot();
            if (_wallClockAtZeroS != 0)
                Pile.SetWallClock(_wallClockAtZeroS + NowMs / 1000);
            Drain();
            _probe.End(RunPart.Boot);
        }

        private void CutPower()
        {
            _powered = false;
            Store.CutPower();
            Network.DeviceLost();
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

        /// <summary>The meters measure (the site's shows in the trace when it changes), and the meter thread reads them when due.</summary>
        private void StepMeter()
        {
            var threePhase = _threePhasePile && Board.Vehicle.ThreePhase;
            if (Meter != null)
                Meter.Step(NowMs, Board.Sensors.VoltageMv, Board.SocketCurrentMa, threePhase);
            if (Site != null && Site.Step(NowMs, Board.Sensors.VoltageMv, Board.SocketCurrentMa, threePhase ? 3 : 1))
                _siteTrace?.SiteCurrent(NowMs, Site.PhaseMa(0), Site.PhaseMa(1), Site.PhaseMa(2), Site.Meter.Profile.Phases);
            if (Bus != null && _powered)
                Runtime.Meter.RunOnce(NowMs);
        }

        /// <summary>The pile's meter and the site meter answer at each other's address (true), or each at its own again.</summary>
        private void SwapMeters(bool swapped)
        {
            if (Meter == null || (Site.Meter.Address == _siteAddress) != swapped)
                return;
            var address = Meter.Address;
            Meter.Address = Site.Meter.Address;
            Site.Meter.Address = address;
        }

        /// <summary>The storage thread's work: each event to the journal, then to the writer (none without power).</summary>
        private void Drain()
        {
            if (_powered && NowMs >= _storageStalledUntilMs)
                Runtime.Storage.RunOnce(NowMs);
        }
    }
}
