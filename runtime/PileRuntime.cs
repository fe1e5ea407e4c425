using System.Threading;
using ChargeController.Firmware;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The composition root: from the board's ports, the flash, the meter's bus and the factory config it boots the pile
    /// (boot sequence, core, meter poller, journal recorder, supervisor) and hands out the work of each thread. The
    /// simulator and the ESP32 entry point both build the pile here; only how the work is scheduled differs
    /// (<see cref="RuntimeThreads"/> on the device, virtual time in scenarios).
    ///
    /// Who owns what (docs/architecture.md): the control thread owns <see cref="Pile"/> and is the producer of
    /// <see cref="Events"/>; the meter thread owns <see cref="Poller"/>; the storage thread owns the journal and the
    /// downstream consumer and is the consumer of both event rings; the supervisor thread owns <see cref="Supervisor"/> and
    /// the boot state. They share only SPSC rings, single words and the poller's published reading.
    /// </summary>
    public sealed class PileRuntime
    {
        public const int EventCapacity = 256;
        private const int SupervisorEventCapacity = 4;

        private readonly PileConfig _factoryConfig;
        private readonly PileHardware _hardware;
        private readonly IFileStore _store;
        private readonly IModbusMaster _meterBus;
        private readonly ISupervisionOutputs _outputs;
        private readonly IByteStream _consolePort;
        private int _meterBusy;

        /// <param name="factoryConfig">the pile's settings before anything stored on its flash overrides them</param>
        /// <param name="meterBus">the RS485 master, or null for a pile without a meter</param>
        /// <param name="consumer">gets every event after the journal has seen it (on the storage thread)</param>
        /// <param name="consolePort">the technician console's serial port, or null for a pile without a console</param>
        public PileRuntime(PileConfig factoryConfig, PileHardware hardware, IFileStore store, IModbusMaster meterBus,
            ISupervisionOutputs outputs, IEventConsumer consumer, IByteStream consolePort)
        {
            _factoryConfig = factoryConfig;
            _hardware = hardware;
            _store = store;
            _meterBus = meterBus;
            _outputs = outputs;
            Control = new ControlWork(this);
            Meter = new MeterWork(this);
            Storage = new StorageWork(this, consumer);
            Supervision = new SupervisorWork(this);
            _consolePort = consolePort;
            StorageWrites = new StorageHandoff(StorageWriteCapacity, StorageWriteBytes);
            ConsoleWork = consolePort == null ? null : new ConsoleWork(this);
        }

        /// <summary>Flash writes the control thread has queued for the storage thread.</summary>
        public const int StorageWriteCapacity = 4;

        /// <summary>The console thread's work (null without a console): the port's bytes into lines, replies out.</summary>
        public IRuntimeWork ConsoleWork { get; }

        /// <summary>This boot's technician console, or null without one.</summary>
        public PileConsole Console { get; private set; }

        /// <summary>
        /// What `net` and `outbox` show of the platform link; null (no platform link) until the runtime has a network
        /// thread, which sets it.
        /// </summary>
        public IConsoleLink ConsoleLink { get; set; }

        /// <summary>Flash writes handed from the control thread to the storage thread (console config and access changes).</summary>
        public StorageHandoff StorageWrites { get; }

        internal IFileStore Store => _store;

        private static int StorageWriteBytes =>
            ConfigWrite.Bytes > ConsoleAccessStore.RecordBytes ? ConfigWrite.Bytes : ConsoleAccessStore.RecordBytes;

        /// <summary>Control thread, after the tick: the console's line, if one waits, and its reply.</summary>
        internal void ServiceConsole(long nowMs)
        {
            if (Console != null)
                Console.Shell.Service(nowMs);
        }

        /// <summary>The control thread's work: the tick, every 10 ms.</summary>
        public IRuntimeWork Control { get; }
        /// <summary>The meter thread's work: a poll when one is due.</summary>
        public IRuntimeWork Meter { get; }
        /// <summary>The storage thread's work: the event rings into the journal, then to the consumer.</summary>
        public IRuntimeWork Storage { get; }
        /// <summary>The supervisor thread's work: watch the heartbeat, kick the watchdog, force safe on a stall.</summary>
        public IRuntimeWork Supervision { get; }

        /// <summary>The configuration of the running boot (factory settings with the stored ones applied).</summary>
        public PileConfig Config { get; private set; }
        public BootContext LastBoot { get; private set; }
        public Pile Pile { get; private set; }
        /// <summary>The meter's poller, or null without a meter.</summary>
        public MeterPoller Poller { get; private set; }
        public EventRing Events { get; private set; }
        public Supervisor Supervisor { get; private set; }
        internal JournalRecorder Recorder { get; private set; }

        /// <summary>
        /// Read by the meter thread: poll at the charging interval. The control thread publishes the core's wish after each
        /// tick as one word, so the meter thread never reads the core's 64-bit times.
        /// </summary>
        internal bool MeterBusy => Interlocked.CompareExchange(ref _meterBusy, 0, 0) != 0;

        internal void PublishMeterBusy() => Interlocked.Exchange(ref _meterBusy, Pile.MeterBusy ? 1 : 0);

        /// <summary>
        /// Boots: config and boot state from flash, the journal's account of the last run, then a new core that settles
        /// it. Runs before any thread starts (on the device, once; in simulation, again after each reboot or power cut).
        /// </summary>
        public void Boot()
        {
            var config = new PileConfig();
            config.CopyFrom(_factoryConfig);
            var boot = BootSequence.Run(_store, config);
            Config = config;
            Events = new EventRing(EventCapacity);
            Poller = _meterBus == null ? null : MeterSetup.PollerFrom(config, _meterBus);
            var ledger = new SessionLedger();
            Recorder = new JournalRecorder(boot.Journal, ledger);
            Pile = new Pile(config, _hardware, Poller, ledger, Events);
            Supervisor = new Supervisor(_hardware.Pilot, _hardware.Contactor, _outputs, boot.Keeper, new EventRing(SupervisorEventCapacity),
                config.Get(ConfigKeys.StallLimitMs), _hardware.Clock.NowMs + config.Get(ConfigKeys.CrashLoopWindowS) * 1000L);
            LastBoot = boot;
            Pile.Start(boot);
            if (_consolePort != null)
                Console = new PileConsole(this, _hardware, _store, StorageWrites, _consolePort, Events);
            PublishMeterBusy();
        }
    }
}
