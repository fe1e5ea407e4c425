using System;
using System.Threading;
using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Storage;

namespace ChargeController.NanoClr
{
    /// <summary>The interpreter's clock, in ms since the run began (DateTime.UtcNow: mscorlib has no Stopwatch).</summary>
    public sealed class RunClock : IMonotonicClock
    {
        private readonly long _startTicks = DateTime.UtcNow.Ticks;

        public long NowMs => (DateTime.UtcNow.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond;

        /// <summary>Whether <see cref="Busy"/> works at all (a run without the load, for comparison).</summary>
        public bool Loaded { get; set; } = true;

        /// <summary>
        /// Interpreted CPU work for 20-100 ms, the cost of an operation the storage or meter thread does on a slow
        /// device (a compaction, an encoding, a decode): a loop with branches, so the interpreter's quantum can end it.
        /// </summary>
        public void Busy(Random random)
        {
            if (!Loaded)
                return;
            var untilMs = NowMs + 20 + random.Next(81);
            var x = 0;
            while (NowMs < untilMs)
                for (var i = 0; i < 50; i++)
                    x = x * 31 + i;
            if (x == 42)
                Console.WriteLine("(never)");
        }
    }

    /// <summary>The contactor's coil, timestamped: when it was last commanded open.</summary>
    public sealed class TimedCoil : IContactor
    {
        private readonly IContactor _coil;
        private readonly RunClock _clock;
        private int _openedAtMs = -1;
        private int _closed;

        public TimedCoil(IContactor coil, RunClock clock)
        {
            _coil = coil;
            _clock = clock;
        }

        public int OpenedAtMs => Interlocked.CompareExchange(ref _openedAtMs, 0, 0);
        public bool Closed => Interlocked.CompareExchange(ref _closed, 0, 0) != 0;
        public bool FeedbackClosed => _coil.FeedbackClosed;

        public void Command(bool closed)
        {
            if (!closed && Closed)
                Interlocked.Exchange(ref _openedAtMs, (int)_clock.NowMs);
            Interlocked.Exchange(ref _closed, closed ? 1 : 0);
            _coil.Command(closed);
        }
    }

    /// <summary>One thread's passes: how many, the longest gap between two, and how many gaps exceeded 30 ms.</summary>
    public sealed class PassGaps
    {
        private long _lastMs = -1;

        public int LongestMs { get; private set; }
        public int Over30 { get; private set; }
        public int Passes { get; private set; }

        public void Pass(long nowMs)
        {
            if (_lastMs >= 0)
            {
                var gapMs = (int)(nowMs - _lastMs);
                if (gapMs > LongestMs)
                    LongestMs = gapMs;
                if (gapMs > 30)
                    Over30++;
            }
            _lastMs = nowMs;
            Passes++;
        }

        /// <summary>From now on (the pile has settled): gaps before do not count.</summary>
        public void Reset()
        {
            LongestMs = 0;
            Over30 = 0;
            Passes = 0;
        }
    }

    /// <summary>
    /// The CC input, read once a pass by the safety loop (the thread at the highest priority) and once a tick by the
    /// control loop: each thread's gaps.
    /// </summary>
    public sealed class TickGaps : IConnectionConfirm
    {
        private readonly IConnectionConfirm _input;
        private readonly RunClock _clock;

        public TickGaps(IConnectionConfirm input, RunClock clock)
        {
            _input = input;
            _clock = clock;
        }

        public PassGaps Safety { get; } = new PassGaps();
        public PassGaps Control { get; } = new PassGaps();

        public void Reset()
        {
            Safety.Reset();
            Control.Reset();
        }

        public int ResistanceOhms
        {
            get
            {
                (Thread.CurrentThread.Priority == ThreadPriority.Highest ? Safety : Control).Pass(_clock.NowMs);
                return _input.ResistanceOhms;
            }
        }
    }

    /// <summary>
    /// The platform's side of the command mailbox, as the network thread would be: a fleet-list update of about 1.9 KB
    /// every <see cref="PeriodMs"/> for the control thread to parse (and the storage thread to store), its results taken away.
    /// </summary>
    public sealed class CommandLoad
    {
        public const int PeriodMs = 200;

        private readonly PileRuntime _runtime;
        private readonly RunClock _clock;
        private readonly byte[] _command = new byte[2048];
        private readonly int _listAt;
        private readonly int _listBytes;
        private int _version = 100;
        private int _paused;

        public CommandLoad(PileRuntime runtime, RunClock clock)
        {
            _runtime = runtime;
            _clock = clock;
            var list = "";
            for (var i = 0; i < 85; i++)
                list += (i == 0 ? "" : ",") + "\"FLEETCARD-0000" + (1000 + i).ToString() + "\"";
            list += "],\"remove\":[]}";
            _listAt = _command.Length - list.Length;
            _listBytes = list.Length;
            Put(list, _listAt);
        }

        public int Posted { get; private set; }

        /// <summary>Posts nothing while set (written by the run's main thread, read by the platform thread).</summary>
        public bool Paused
        {
            get => Interlocked.CompareExchange(ref _paused, 0, 0) != 0;
            set => Interlocked.Exchange(ref _paused, value ? 1 : 0);
        }

        /// <summary>Every waiting result taken, and one post (when the inbox has room and the load is not paused).</summary>
        public void Step()
        {
            var results = _runtime.CommandResults;
            while (results.Peek() >= 0)
                results.Release();
            if (Paused)
                return;
            var head = "{\"v\":1,\"id\":\"load-" + _version.ToString() + "\",\"cmd\":\"fleet-list\",\"ttlS\":3600,\"version\":" +
                _version.ToString() + ",\"mode\":\"update\",\"add\":[";
            var at = _listAt - head.Length;
            Put(head, at);
            if (_runtime.CommandInbox.TryPost(_command, at, head.Length + _listBytes, _clock.NowMs))
            {
                _version++;
                Posted++;
            }
        }

        private void Put(string text, int at)
        {
            for (var i = 0; i < text.Length; i++)
                _command[at + i] = (byte)text[i];
        }
    }

    /// <summary>A flash whose every write (flush, replace, move, delete) costs 20-100 ms of interpreted work first.</summary>
    public sealed class BusyFlash : IFileStore
    {
        private readonly SimFileStore _store;
        private readonly RunClock _clock;
        private readonly Random _random;

        public BusyFlash(SimFileStore store, RunClock clock, int seed)
        {
            _store = store;
            _clock = clock;
            _random = new Random(seed);
        }

        public bool Exists(string name) { lock (_store) return _store.Exists(name); }
        public int Length(string name) { lock (_store) return _store.Length(name); }
        public int Read(string name, int position, byte[] into, int offset, int count) { lock (_store) return _store.Read(name, position, into, offset, count); }
        public bool Append(string name, byte[] data, int offset, int count) { lock (_store) return _store.Append(name, data, offset, count); }
        public bool Flush(string name) { Work(); lock (_store) return _store.Flush(name); }
        public bool Replace(string name, byte[] data, int offset, int count) { Work(); lock (_store) return _store.Replace(name, data, offset, count); }
        public bool Move(string source, string target) { Work(); lock (_store) return _store.Move(source, target); }
        public bool Delete(string name) { Work(); lock (_store) return _store.Delete(name); }

        private void Work()
        {
            lock (_random)
                _clock.Busy(_random);
        }
    }

    /// <summary>A Modbus bus whose every transaction costs 20-100 ms of interpreted work, under the world's lock for the answer.</summary>
    public sealed class BusyModbus : IModbusMaster
    {
        private readonly IModbusMaster _bus;
        private readonly object _world;
        private readonly RunClock _clock;
        private readonly Random _random;

        public BusyModbus(IModbusMaster bus, object world, RunClock clock, int seed)
        {
            _bus = bus;
            _world = world;
            _clock = clock;
            _random = new Random(seed);
        }

        public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            _clock.Busy(_random);
            lock (_world)
                return _bus.ReadHoldingRegisters(slave, start, count, into, out exceptionCode);
        }

        public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            _clock.Busy(_random);
            lock (_world)
                return _bus.ReadInputRegisters(slave, start, count, into, out exceptionCode);
        }

        public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
        {
            _clock.Busy(_random);
            lock (_world)
                return _bus.WriteRegisters(slave, start, values, count, out exceptionCode);
        }
    }

    /// <summary>The downstream consumer: 20-100 ms of work for each event (encoding it for a slow link), on the storage thread.</summary>
    public sealed class BusyConsumer : IEventConsumer
    {
        private readonly RunClock _clock;
        private readonly Random _random;

        public BusyConsumer(RunClock clock, int seed)
        {
            _clock = clock;
            _random = new Random(seed);
        }

        /// <summary>How often the safety loop opened the contactor before the core did (the core's safety-loop events).</summary>
        public int SafetyLoopOpenings { get; private set; }

        public void Write(PileEvent e)
        {
            if (e.Kind == EventKind.SafetyLoop)
                SafetyLoopOpenings++;
            _clock.Busy(_random);
        }
    }

    /// <summary>The watchdog chip and the reset line: the reset is only counted.</summary>
    public sealed class CountedOutputs : ISupervisionOutputs
    {
        private int _reboots;

        public int Reboots => Interlocked.CompareExchange(ref _reboots, 0, 0);
        public void KickWatchdog() { }
        public void Reboot() => Interlocked.Increment(ref _reboots);
    }
}
