using System.Threading;
using ChargeController.Firmware;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Network;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Site;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Firmware.Telemetry;
using ChargeController.Firmware.Updates;
using ChargeController.Hal;
using ChargeController.Loader;
using ChargeController.Runtime.Health;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The composition root: from the board's ports, the flash, the meter's bus and the factory config it boots the pile
    /// (boot sequence, core, meter poller, journal recorder, supervisor) and hands out the work of each thread. The
    /// simulator and the ESP32 entry point both build the pile here; only how the work is scheduled differs
    /// (<see cref="RuntimeThreads"/> on the device, virtual time in scenarios).
    ///
    /// Who owns what (docs/architecture.md): the safety thread owns <see cref="SafetyLoop"/> and shares the
    /// <see cref="SafetyInterlock"/> with the control thread (the contactor port the core commands); the control thread owns <see cref="Pile"/> and is the producer of
    /// <see cref="Events"/>; the meter thread owns <see cref="Poller"/>; the storage thread owns the journal and the
    /// downstream consumer and is the consumer of both event rings; the supervisor thread owns <see cref="Supervisor"/> and
    /// the boot state. They share only SPSC rings, single words and the poller's published reading.
    ///
    /// Platform commands: the network thread fills <see cref="CommandInbox"/> from &lt;root&gt;/cmd and publishes what
    /// it takes from <see cref="CommandResults"/> on &lt;root&gt;/cmd/result; the control thread is the consumer of the
    /// one and the producer of the other (<see cref="Commands"/>, before each tick). The storage thread performs the flash
    /// writes the control thread queues for the commands and the console (<see cref="FlashWrites"/>).
    /// </summary>
    public sealed class PileRuntime
    {
        /// <summary>
        /// Core events between the control and the storage thread. The storage thread drains the ring every 10 ms; what it
        /// must ride out is one flash operation (a compaction is the longest, about a second on the ESP32), during which
        /// a pile produces a few events, and at most one command's a tick. 128 slots hold that with their reserve of 32
        /// for durable events (docs/architecture.md); each slot costs 66 bytes of heap on the device.
        /// </summary>
        public const int EventCapacity = 128;
        /// <summary>
        /// Core events the storage thread takes per wake-up (each at most one journal record and its flush): a pile makes
        /// a few a tick at most, so the ring still drains many times faster than it fills; the rest wait in their slots
        /// for the next wake-up, 10 ms later.
        /// </summary>
        public const int StorageEventsPerWake = 16;
        private const int SupervisorEventCapacity = 4;
        /// <summary>
        /// Commands waiting for the control thread (it takes one a tick; a stored change holds the rest until written).
        /// 2 KB each: a platform that waits for each result never needs more; beyond this the network thread answers busy.
        /// </summary>
        public const int CommandInboxCapacity = 2;
        /// <summary>Results waiting for the network thread; while one waits, the next command waits in the inbox (nothing is lost; 1 KB a slot on an 80 KB heap).</summary>
        public const int CommandResultCapacity = 1;

        private readonly PileConfig _factoryConfig;
        private readonly PileHardware _hardware;
        private readonly IFileStore _store;
        private readonly IModbusMaster _meterBus;
        private readonly ISupervisionOutputs _outputs;
        private readonly IByteStream _consolePort;
        private int _meterBusy;
        private int _sessionActive;
        private int _rebootRequested;
        private int _rebootReady;
        private int _leaveLink;
        private int _linkLeft;
        private int _crashLoopClearRequested;
        private readonly IBrokerLink _link;
        private readonly LinkSettings _linkSettings;
        private readonly ILinkObserver _linkObserver;
        private readonly CommandHost _commandHost = new CommandHost();
        private readonly JsonWriter _resultWriter;
        private readonly SessionBands _sessionBands;
        private SiteSnapshot _siteSnapshot;
        private readonly StagingWrite _staging;
        private readonly SlotStateStore _slotStore;
        private readonly SlotStateWrite _slotWrite;
        private readonly ManifestCheck _manifestCheck;
        private readonly UpdateRecord _updateRecord = new UpdateRecord();
        private readonly byte[] _updateRecordBytes = new byte[UpdateRecord.MaxBytes];

        /// <param name="factoryConfig">the pile's settings before anything stored on its flash overrides them</param>
        /// <param name="meterBus">the RS485 master, or null for a pile without a meter</param>
        /// <param name="consumer">gets every event after the journal has seen it (on the storage thread)</param>
        /// <param name="link">the broker link the network thread supervises, or null for a pile without one</param>
        /// <param name="linkSettings">pile id, topic root, credentials (defaults when null)</param>
        /// <param name="linkObserver">told every publish and link change (the simulator's trace), or null</param>
        /// <param name="consolePort">the technician console's serial port, or null for a pile without a console</param>
        public PileRuntime(PileConfig factoryConfig, PileHardware hardware, IFileStore store, IModbusMaster meterBus,
            ISupervisionOutputs outputs, IEventConsumer consumer, IBrokerLink link = null, LinkSettings linkSettings = null,
            ILinkObserver linkObserver = null, IByteStream consolePort = null)
        {
            _link = link;
            _linkSettings = linkSettings ?? new LinkSettings();
            _linkObserver = linkObserver;
            Network = new NetworkWork(this);
            _sessionBands = new SessionBands(this);
            _factoryConfig = factoryConfig;
            _hardware = hardware;
            _store = store;
            _meterBus = meterBus;
            _outputs = outputs;
            CommandInbox = new MessageRing(CommandInboxCapacity, JsonReader.MaxBytes);
            CommandResults = new MessageRing(CommandResultCapacity, CommandResult.MaxBytes);
            _resultWriter = new JsonWriter(CommandResults.Payload(0)); // writes each result into the ring's free slot
            UpdateChannel = new UpdateChannel();
            _staging = new StagingWrite(store);
            var loaderFiles = new LoaderFiles(store);
            _slotStore = new SlotStateStore(loaderFiles);
            _slotWrite = new SlotStateWrite(_slotStore);
            _manifestCheck = new ManifestCheck(loaderFiles, UpdateBoard, LoaderVersion);
            Safety = new SafetyWork(this);
            Control = new ControlWork(this);
            Meter = new MeterWork(this);
            Storage = new StorageWork(this, consumer);
            Supervision = new SupervisorWork(this);
            _consolePort = consolePort;
            ConsoleWork = consolePort == null ? null : new ConsoleWork(this);
        }

        /// <summary>
        /// Flash writes the control thread may have queued at once: more than its requesters' one each (a table, the
        /// config change of a command or of the console, the console's access record, the health record, the update's staging), so none is
        /// refused for another's.
        /// </summary>
        public const int FlashWriteCapacity = 7;

        /// <summary>The firmware update's chunk requests and answers between the control and the network thread (kept across boots, emptied at each).</summary>
        public UpdateChannel UpdateChannel { get; }
        /// <summary>This boot's firmware update (control thread), or null for a pile without a link.</summary>
        public UpdateAgent Updates { get; private set; }
        /// <summary>The board this firmware runs on, as update manifests name it.</summary>
        public const string UpdateBoard = "esp32-wrover";
        /// <summary>The version of the loader in the deployment image (a manifest's loaderMin is checked against it).</summary>
        public const int LoaderVersion = 1;

        /// <summary>The threads' heartbeats and deaths, for the supervisor thread (one slot a thread; the simulator registers none).</summary>
        public ThreadWatch Threads { get; } = new ThreadWatch(MaxThreads);
        /// <summary>safety, control, supervisor, meter, storage, network, console, Wi-Fi.</summary>
        public const int MaxThreads = 8;
        /// <summary>Each thread's stall limit under the running configuration (set at boot).</summary>
        public StallLimits StallLimits { get; private set; }

        /// <summary>The console thread's work (null without a console): the port's bytes into lines, replies out.</summary>
        public IRuntimeWork ConsoleWork { get; }

        /// <summary>This boot's technician console, or null without one.</summary>
        public PileConsole Console { get; private set; }

        /// <summary>What `net` and `outbox` show of this boot's platform link; null for a pile without one.</summary>
        public IConsoleLink ConsoleLink { get; set; }

        /// <summary>Control thread, after the tick: the console's line, if one waits, and its reply.</summary>
        internal void ServiceConsole(long nowMs)
        {
            if (Console != null)
                Console.Shell.Service(nowMs);
        }

        /// <summary>The safety thread's work: the safety loop's pass, every 10 ms, before the control thread's.</summary>
        public IRuntimeWork Safety { get; }
        /// <summary>The control thread's work: the tick, every 10 ms.</summary>
        public IRuntimeWork Control { get; }
        /// <summary>The meter thread's work: a poll when one is due.</summary>
        public IRuntimeWork Meter { get; }
        /// <summary>The storage thread's work: the event rings into the journal, then to the consumer.</summary>
        public IRuntimeWork Storage { get; }
        /// <summary>The supervisor thread's work: watch the heartbeat, kick the watchdog, force safe on a stall.</summary>
        public IRuntimeWork Supervision { get; }

        /// <summary>
        /// The device's UTC clock (SNTP on the ESP32), read by the control thread to set the pile's wall clock; null where
        /// nothing keeps one (the simulator sets the wall clock itself). Set before the threads start.
        /// </summary>
        public IUtcClock UtcClock { get; set; }
        /// <summary>The network thread's work: the link supervisor (connect, publish, reconnect); nothing without a link.</summary>
        public IRuntimeWork Network { get; }

        /// <summary>The storage thread's side of the outbox (this boot's), or null without a link.</summary>
        public Outbox Outbox { get; private set; }
        /// <summary>The network thread's link supervisor (this boot's), or null without a link.</summary>
        public LinkSupervisor LinkSupervisor { get; private set; }
        /// <summary>What the control thread publishes for the network thread after each tick.</summary>
        public StatusSnapshot Snapshot { get; private set; }

        /// <summary>The configuration of the running boot (factory settings with the stored ones applied).</summary>
        public PileConfig Config { get; private set; }
        public BootContext LastBoot { get; private set; }
        /// <summary>The contactor port the core commands: the board's contactor behind the safety loop's interlock (this boot's).</summary>
        public SafetyInterlock Interlock { get; private set; }
        /// <summary>This boot's safety loop (safety thread).</summary>
        public SafetyLoop SafetyLoop { get; private set; }
        public Pile Pile { get; private set; }
        /// <summary>This boot's health monitor and its record (control thread; docs/health.md).</summary>
        public PileHealth Health { get; private set; }
        /// <summary>The meter's poller, or null without a meter.</summary>
        public MeterPoller Poller { get; private set; }
        /// <summary>The site meter's poller (same bus, own address; meter thread), or null with <c>site.mode=off</c>.</summary>
        public MeterPoller SitePoller { get; private set; }
        /// <summary>What the site lets the pile offer (control thread; docs/site.md), or null with <c>site.mode=off</c>.</summary>
        public SiteControl Site { get; private set; }
        public EventRing Events { get; private set; }
        public Supervisor Supervisor { get; private set; }
        internal JournalRecorder Recorder { get; private set; }
        /// <summary>The last fault changes for the console: the journal's at boot, then this boot's (control thread).</summary>
        public FaultLog FaultLog { get; private set; }

        /// <summary>Commands from &lt;root&gt;/cmd: the network thread produces, the control thread consumes.</summary>
        public MessageRing CommandInbox { get; }
        /// <summary>Results for &lt;root&gt;/cmd/result: the control thread produces, the network thread consumes.</summary>
        public MessageRing CommandResults { get; }
        /// <summary>The commands' handler (control thread); a new one after every boot, with the stored tables loaded.</summary>
        public CommandHandler Commands { get; private set; }
        /// <summary>The running session's energy by tariff band (control thread), journaled with its close.</summary>
        public BandEnergy Bands { get; private set; }
        /// <summary>The running session's energy from the site's export (control thread), journaled with its close; null with site.mode=off.</summary>
        internal SessionSolar Solar { get; private set; }
        /// <summary>This boot's flash writes, queued by the control thread and carried out by the storage thread.</summary>
        public FlashWrites FlashWrites { get; private set; }
        /// <summary>This boot's change of the stored configuration: the platform's config set and the console's, one at a time.</summary>
        public ConfigWrite ConfigWrite { get; private set; }

        internal CommandHost CommandHost => _commandHost;
        internal JsonWriter ResultWriter => _resultWriter;

        /// <summary>
        /// Read by the meter thread: poll at the charging interval. The control thread publishes the core's wish after each
        /// tick as one word, so the meter thread never reads the core's 64-bit times.
        /// </summary>
        internal bool MeterBusy => Interlocked.CompareExchange(ref _meterBusy, 0, 0) != 0;

        /// <summary>Read by the storage thread: a session is active, so the journal's compaction waits (published like <see cref="MeterBusy"/>).</summary>
        internal bool SessionActive => Interlocked.CompareExchange(ref _sessionActive, 0, 0) != 0;

        /// <summary>Control thread, after each tick: the words the meter and storage threads schedule their work by.</summary>
        internal void PublishBusy()
        {
            Interlocked.Exchange(ref _meterBusy, Pile.MeterBusy ? 1 : 0);
            Interlocked.Exchange(ref _sessionActive, Pile.SessionActive ? 1 : 0);
        }

        /// <summary>Control thread, before the tick: the link's state as the network thread last published it (one word, never a wait).</summary>
        internal void ReadLinkState()
        {
            var state = LinkSupervisor == null ? LinkSupervisor.LinkUnknown : LinkSupervisor.LinkState;
            if (state != LinkSupervisor.LinkUnknown)
                Pile.SetLinkOnline(state == 1, LinkSupervisor.TrackingFailed, LinkSupervisor.PublishesRefused);
        }

        /// <summary>Control thread, after the tick: what the status and telemetry show, for the network thread.</summary>
        internal void PublishSnapshot()
        {
            if (Snapshot != null)
                Snapshot.Write(Pile, LastBoot.BootNumber, LastBoot.Reason, Commands, Events.WallClockS(0));
            if (Site != null && _siteSnapshot != null)
                Site.Publish(_siteSnapshot);
        }

        /// <summary>
        /// The network thread's Wi-Fi work over <paramref name="station"/>: the retry and reboot policy of the running
        /// configuration (wifi.* keys). Call after <see cref="Boot"/>.
        /// </summary>
        public IRuntimeWork WifiSupervision(IWifiStation station) =>
            new WifiWork(this, station, WifiPolicy.From(Config), Config.Get(ConfigKeys.WifiConnectTimeoutS) * 1000);

        /// <summary>
        /// Asks for a planned reboot (any thread: the console, the Wi-Fi policy, the simulator). The control thread winds
        /// the pile down first (<see cref="Pile.PrepareReboot"/>), then hands the reboot to the supervisor thread, which
        /// has the network thread leave the broker (<see cref="LeaveLink"/>) and resets once it has left, or after
        /// <see cref="PlannedRebootLeaveMs"/>.
        /// </summary>
        public void RequestPlannedReboot() => Interlocked.Exchange(ref _rebootRequested, 1);

        /// <summary>
        /// How long a planned reset waits, at most, for the network thread to leave the broker (the retained offline
        /// status, acknowledged, then a clean disconnect): the leave's own wait for the acknowledgement and a margin for the
        /// network thread's wake-up. The contactor is open already and closes no more meanwhile (the control thread's
        /// wind-down), and the reset drives the outputs safe whatever happened, so the wait costs only time.
        /// </summary>
        public const int PlannedRebootLeaveMs = LinkSupervisor.LeaveWaitMs + 500;

        /// <summary>Whether a planned reboot was asked for since the last call (control thread).</summary>
        internal bool TakeRebootRequest() => Interlocked.Exchange(ref _rebootRequested, 0) != 0;

        /// <summary>Control thread: the pile is wound down for the planned reboot, the supervisor thread may carry it out.</summary>
        internal void ReleaseReboot() => Interlocked.Exchange(ref _rebootReady, 1);

        /// <summary>
        /// Asks the network thread to leave the broker as a pile that goes away on purpose (any thread: the supervisor
        /// before a planned reset, PileSim's quit and the end of its run): the retained offline status, then a clean
        /// disconnect (<see cref="LinkSupervisor.Leave"/>).
        /// </summary>
        public void LeaveLink() => Interlocked.Exchange(ref _leaveLink, 1);

        /// <summary>Network thread: the link is to be left, until the next boot.</summary>
        internal bool LinkLeaveAsked => Interlocked.CompareExchange(ref _leaveLink, 0, 0) != 0;

        /// <summary>Network thread: the pile is off the broker after <see cref="LeaveLink"/>.</summary>
        internal void MarkLinkLeft() => Interlocked.Exchange(ref _linkLeft, 1);

        /// <summary>The pile has left the broker on purpose, or has no link to leave (any thread).</summary>
        public bool LinkLeft => LinkSupervisor == null || Interlocked.CompareExchange(ref _linkLeft, 0, 0) != 0;

        /// <summary>Whether the control thread released a planned reboot since the last call (supervisor thread).</summary>
        internal bool TakeRebootReady() => Interlocked.Exchange(ref _rebootReady, 0) != 0;

        /// <summary>Asks the supervisor thread to clear the crash loop in the boot state (the technician left safe mode).</summary>
        internal void RequestCrashLoopClear() => Interlocked.Exchange(ref _crashLoopClearRequested, 1);

        /// <summary>Whether clearing the crash loop was asked for since the last call (supervisor thread).</summary>
        internal bool TakeCrashLoopClearRequest() => Interlocked.Exchange(ref _crashLoopClearRequested, 0) != 0;

        /// <summary>
        /// Boots: config and boot state from flash, the journal's account of the last run, then a new core that settles
        /// it. Runs before any thread starts (on the device, once; in simulation, again after each reboot or power cut).
        /// </summary>
        public void Boot()
        {
            Interlocked.Exchange(ref _leaveLink, 0);
            Interlocked.Exchange(ref _linkLeft, 0);
            var config = new PileConfig();
            config.CopyFrom(_factoryConfig);
            var boot = BootSequence.Run(_store, config, _link != null);
            Config = config;
            StallLimits = new StallLimits(config, _linkSettings);
            Events = new EventRing(EventCapacity);
            FaultLog = boot.FaultLog;
            FaultLog.CurrentBoot = boot.BootNumber;
            Events.FaultLog = FaultLog;
            Poller = _meterBus == null ? null : MeterSetup.PollerFrom(config, _meterBus);
            SitePoller = SiteControl.PollerFrom(config, _meterBus);
            var ledger = new SessionLedger();
            Recorder = new JournalRecorder(boot.Journal, ledger);
            Interlock = new SafetyInterlock(_hardware.Contactor);
            SafetyLoop = new SafetyLoop(Interlock, _hardware, config);
            Pile = new Pile(config, _hardware.WithContactor(Interlock), Poller, ledger, Events);
            Site = SitePoller == null ? null : new SiteControl(config, SitePoller, Poller, Pile.Faults);
            if (Site != null)
                Pile.UseSite(Site);
            Supervisor = new Supervisor(_hardware.Pilot, _hardware.Contactor, _outputs, boot.Keeper, new EventRing(SupervisorEventCapacity),
                config.Get(ConfigKeys.StallLimitMs), _hardware.Clock.NowMs + config.Get(ConfigKeys.CrashLoopWindowS) * 1000L);
            LastBoot = boot;
            FlashWrites = new FlashWrites(FlashWriteCapacity);
            ConfigWrite = new ConfigWrite(_store, config, FlashWrites, Events, _hardware.Clock);
            Commands = new CommandHandler(Pile, config, _store, Events, _commandHost, FlashWrites, ConfigWrite);
            Bands = new BandEnergy();
            Solar = Site == null ? null : new SessionSolar();
            Pile.SessionEndObserver = _sessionBands;
            Health = new PileHealth(_store, boot.Journal, config, FlashWrites, _hardware, Poller, _hardware.Clock.NowMs);
            Pile.Start(boot);
            Commands.Load(_hardware.Clock.NowMs); // after the boot event: the status view starts again at each boot
            // A reboot loses what RAM held (the simulator boots the same runtime again): a command not yet run and a result
            // not yet acknowledged. The platform's retry with the same id reaches this run, which runs it or repeats its answer.
            while (CommandInbox.Count > 0)
                CommandInbox.Release();
            while (CommandResults.Count > 0)
                CommandResults.Release();
            while (UpdateChannel.Requests.Count > 0)
                UpdateChannel.Requests.Release();
            while (UpdateChannel.Data.Count > 0)
                UpdateChannel.Data.Release();
            if (_consolePort != null)
                Console = new PileConsole(this, _hardware, _store, FlashWrites, _consolePort, Events);
            PublishBusy();
            if (_link != null)
                StartLink(boot, config);
        }

        /// <summary>This boot's outbox (storage thread) and link supervisor (network thread); the previous boot's connection is closed by the first connect.</summary>
        private void StartLink(BootContext boot, PileConfig config)
        {
            if (!_updateRecord.Load(_store, _updateRecordBytes))
                _updateRecord.State = UpdateStates.Idle;
            var slots = new SlotState(); // the factory copy runs when no slot record is stored
            _slotStore.Load(slots);
            Updates = new UpdateAgent(FlashWrites, _staging, _manifestCheck, UpdateChannel, Events, _linkSettings.PileId,
                config.Get(ConfigKeys.UpdateChunkTimeoutMs), _updateRecord, slots, _slotWrite, new SlotSwitch(config.Get(ConfigKeys.UpdateTrialMs)),
                _commandHost, UpdateVersion.Parse(FirmwareVersion.Text));
            Commands.Updates = Updates;
            Outbox = new Outbox(boot.Journal, _store, _linkSettings.PileId) { HealthFields = new HealthMessage() };
            Snapshot = new StatusSnapshot();
            var schedule = new TelemetrySchedule(config.Get(ConfigKeys.TelemetryChargingS), config.Get(ConfigKeys.TelemetryIdleS));
            LinkSupervisor = new LinkSupervisor(_link, _linkSettings, Outbox, CommandInbox, CommandResults, _commandHost, Snapshot, Poller,
                MeterSetup.Phases(config), _hardware.Temperatures, _hardware.Clock, schedule, _linkObserver, config.Get(ConfigKeys.KeepAliveS),
                config.Get(ConfigKeys.ProbeTimeoutS), UpdateChannel, UpdateVersion.Format(Updates.RunningVersion)); // the active slot's manifest's version, or the factory copy's
            _siteSnapshot = Site == null ? null : new SiteSnapshot();
            LinkSupervisor.Site = _siteSnapshot;
            ConsoleLink = new PileConsoleLink(LinkSupervisor, Outbox);
            PublishSnapshot();
        }
    }
}
