using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;
using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Firmware.Events
{
    /// <summary>
    /// The core's one event stream: a single-producer/single-consumer ring of preallocated events. The control thread
    /// appends (the producer); the storage thread drains (the consumer: journal, then the downstream writers). Each side
    /// owns one position (<see cref="SpscPositions"/>), so neither waits for the other and a slot is never read while
    /// it is written.
    ///
    /// It never blocks the tick, and it never drops a durable event (boot, fault, session, console, config change: what the
    /// journal records).
    /// Telemetry (pilot, contactor, status, command, meter, ...) may fill the ring only up to <see cref="DurableReserve"/>
    /// free slots; beyond that it is dropped and counted in <see cref="Dropped"/>, and the ring is
    /// <see cref="Congested"/>: the pile starts no new session until storage has caught up. The reserve is for the
    /// durable events a running pile can still produce then (its session's end, faults); one that finds no slot at all
    /// is counted in <see cref="DurableLost"/>, which stays 0 unless storage has been stuck for longer than
    /// docs/architecture.md allows for.
    ///
    /// The slots are parallel arrays of primitives and string references, one array per field of <see cref="PileEvent"/>:
    /// on nanoFramework's interpreter every element of an array of structs is a heap object of its own (a header and a
    /// 12-byte block per field), which made 256 events 43 KB there; as columns they are about 17 KB.
    /// </summary>
    public sealed class EventRing
    {
        public const int SessionStart = 0;
        public const int SessionEnd = 1;
        public const int SessionCheckpoint = 2;
        /// <summary>
        /// Session flags (Value2 of a session event): authorised offline; the meter did not see all of it; the end has no
        /// stop reading and Long2 holds the last plausible reading the session reached instead (trace field lastWh); that
        /// reading is its last checkpoint on the journal.
        /// </summary>
        public const int SessionOffline = 1;
        public const int SessionUnmetered = 2;
        public const int SessionLastReadingOnly = 4;
        /// <summary>
        /// With <see cref="SessionLastReadingOnly"/>: the end is the session's last checkpoint from the journal, because a
        /// later session ran after it (its close never reached the journal) and the register counted that one's energy too.
        /// </summary>
        public const int SessionEndFromCheckpoint = 8;

        private readonly long[] _timeMs;
        private readonly byte[] _kind;
        private readonly byte[] _flags;
        private readonly int[] _code;
        private readonly int[] _value;
        private readonly int[] _value2;
        private readonly string[] _text;
        private readonly string[] _text2;
        private readonly long[] _long1;
        private readonly long[] _long2;
        /// <summary>Unix seconds fit 32 bits unsigned until 2106.</summary>
        private readonly uint[] _unixS;
        private readonly int _reserve;
        private readonly SpscPositions _positions;
        private int _dropped;
        private int _durableLost;

        private const int FlagBit = 1;
        private const int Flag2Bit = 2;

        /// <param name="capacity">slots; a quarter of them (at least one) is the durable reserve</param>
        public EventRing(int capacity)
        {
            _timeMs = new long[capacity];
            _kind = new byte[capacity];
            _flags = new byte[capacity];
            _code = new int[capacity];
            _value = new int[capacity];
            _value2 = new int[capacity];
            _text = Strings.Filled(new string[capacity]);
            _text2 = Strings.Filled(new string[capacity]);
            _long1 = new long[capacity];
            _long2 = new long[capacity];
            _unixS = new uint[capacity];
            _positions = new SpscPositions(capacity);
            _reserve = capacity / 4 > 0 ? capacity / 4 : 1;
        }

        private long _wallClockOffsetS;
        private bool _wallClockKnown;

        /// <summary>Events waiting for the consumer.</summary>
        public int Count => _positions.Count;

        public int Capacity => _kind.Length;

        /// <summary>Free slots only durable events may take.</summary>
        public int DurableReserve => _reserve;

        /// <summary>Storage is behind: telemetry is being dropped, and the pile must not start a session.</summary>
        public bool Congested => _positions.Free <= _reserve;

        /// <summary>Unix seconds at monotonic <paramref name="nowMs"/>, or 0 while the wall clock is unknown.</summary>
        public long WallClockS(long nowMs) => _wallClockKnown ? _wallClockOffsetS + nowMs / 1000 : 0;

        /// <summary>From now on events carry wall-clock time: Unix seconds = offset + monotonic ms / 1000 (control thread).</summary>
        public void SetWallClock(long offsetS)
        {
            _wallClockOffsetS = offsetS;
            _wallClockKnown = true;
        }

        /// <summary>Telemetry events dropped because the consumer was behind.</summary>
        public int Dropped => Interlocked.CompareExchange(ref _dropped, 0, 0);

        /// <summary>Durable events that found the ring full: 0 unless storage stalled beyond the reserve.</summary>
        public int DurableLost => Interlocked.CompareExchange(ref _durableLost, 0, 0);

        /// <summary>What the journal records: never dropped while a slot is left.</summary>
        public static bool IsDurable(EventKind kind) =>
            kind == EventKind.Boot || kind == EventKind.Fault || kind == EventKind.Session || kind == EventKind.Console ||
            kind == EventKind.ConfigChange || kind == EventKind.Update;


        /// <summary>The consumer's side: the oldest event, its slot freed for the producer.</summary>
        public bool TryRead(out PileEvent next)
        {
            if (_positions.Empty)
            {
                next = default(PileEvent);
                return false;
            }
            var slot = _positions.ReadSlot(0);
            next = default(PileEvent);
            next.TimeMs = _timeMs[slot];
            next.Kind = (EventKind)_kind[slot];
            next.Code = _code[slot];
            next.Value = _value[slot];
            next.Value2 = _value2[slot];
            next.Flag = (_flags[slot] & FlagBit) != 0;
            next.Flag2 = (_flags[slot] & Flag2Bit) != 0;
            next.Text = _text[slot];
            next.Text2 = _text2[slot];
            next.Long1 = _long1[slot];
            next.Long2 = _long2[slot];
            next.UnixS = _unixS[slot];
            _text[slot] = null;
            _text2[slot] = null;
            var slots = 1;
            if (next.Kind == EventKind.Session && next.Flag) // a session end's bands and solar share, in the slot after it
            {
                next.Flag = false;
                var bands = _positions.ReadSlot(1);
                if ((_flags[bands] & FlagBit) != 0)
                {
                    next.BandCount = PileEvent.Bands;
                    next.Band0Wh = _value[bands];
                    next.Band1Wh = _value2[bands];
                    next.Band2Wh = _code[bands];
                    next.Band3Wh = (int)_long1[bands];
                }
                next.HasSolar = (_flags[bands] & Flag2Bit) != 0;
                next.SolarWh = (int)_long2[bands];
                slots = 2;
            }
            _positions.Release(slots);
            return true;
        }

        /// <param name="thread">after a watchdog reboot, the thread that died or stalled (null: the control loop, or another reason)</param>
        public void Boot(long nowMs, BootReason reason, int bootNumber, string thread = null) =>
            Publish(Append(nowMs, EventKind.Boot, (int)reason, bootNumber, 0, false, false, thread, null));

        /// <param name="thread">the thread that died or stalled, or null for the control loop's stall</param>
        public void Watchdog(long nowMs, int stalledMs, string thread) =>
            Publish(Append(nowMs, EventKind.Watchdog, 0, stalledMs, 0, false, false, thread, null));

        /// <summary>The safety loop opened the contactor before the core did (the core was late), and why.</summary>
        public void SafetyLoopOpened(long nowMs, SafetyCause cause) =>
            Publish(Append(nowMs, EventKind.SafetyLoop, (int)cause, 0, 0, false, false, null, null));

        public void ConfigWarning(long nowMs, string warning) => Publish(Append(nowMs, EventKind.ConfigWarning, 0, 0, 0, false, false, warning, null));

        public void Checkpoint(long nowMs, string sessionId, long wh)
        {
            var slot = Append(nowMs, EventKind.Session, SessionCheckpoint, 0, 0, false, false, sessionId, null);
            if (slot < 0)
                return;
            _long1[slot] = wh;
            Publish(slot);
        }

        public void Cp(long nowMs, PilotState state) => Publish(Append(nowMs, EventKind.Cp, (int)state, 0, 0, false, false, null, null));

        public void Pilot(long nowMs, PilotMode mode, int dutyPermille, int advertisedMa) =>
            Publish(Append(nowMs, EventKind.Pilot, (int)mode, dutyPermille, advertisedMa, false, false, null, null));

        public void Lock(long nowMs, bool locked) => Publish(Append(nowMs, EventKind.Lock, 0, 0, 0, locked, false, null, null));

        public void Contactor(long nowMs, bool closed) => Publish(Append(nowMs, EventKind.Contactor, 0, 0, 0, closed, false, null, null));

        public void Status(long nowMs, ConnectorStatus status, ErrorCode error) =>
            Publish(Append(nowMs, EventKind.Status, (int)status, (int)error, 0, false, false, null, null));

        /// <summary>Told every fault change as it is published, for the console (control thread); null for none.</summary>
        public FaultLog FaultLog { get; set; }

        public void Fault(long nowMs, Fault fault, bool active, bool latched, int retries)
        {
            if (FaultLog != null)
                FaultLog.Add((int)fault, active, WallClockS(nowMs), nowMs, FaultLog.CurrentBoot);
            Publish(Append(nowMs, EventKind.Fault, (int)fault, retries, 0, active, latched, null, null));
        }

        public void Session(long nowMs, int phase, StopReason reason, int flags, string sessionId, string idTag, long startWh, long stopWh) =>
            Session(nowMs, phase, reason, flags, sessionId, idTag, startWh, stopWh, null, -1);

        /// <param name="bandsWh">a session end's energy by tariff band (<see cref="PileEvent.BandCount"/> figures), or null</param>
        /// <param name="solarWh">a session end's energy from the site's export (<see cref="PileEvent.SolarWh"/>), or -1 when not
        /// known. Both are part of the end event itself, in a second slot taken and published with the first, so they can
        /// never be dropped or delayed apart from the end (a session's energy is at most a few MWh: each fits a word)</param>
        public void Session(long nowMs, int phase, StopReason reason, int flags, string sessionId, string idTag, long startWh, long stopWh,
            int[] bandsWh, int solarWh)
        {
            var more = bandsWh != null || solarWh >= 0;
            var slots = more ? 2 : 1;
            var slot = Append(nowMs, EventKind.Session, phase, (int)reason, flags, more, false, sessionId, idTag, slots);
            if (slot < 0)
                return;
            _long1[slot] = startWh;
            _long2[slot] = stopWh;
            if (more)
            {
                var bands = _positions.WriteSlot(1);
                _kind[bands] = (byte)EventKind.Bands;
                _flags[bands] = (byte)((bandsWh != null ? FlagBit : 0) | (solarWh >= 0 ? Flag2Bit : 0));
                if (bandsWh != null)
                {
                    _value[bands] = bandsWh[0];
                    _value2[bands] = bandsWh[1];
                    _code[bands] = bandsWh[2];
                    _long1[bands] = bandsWh[3];
                }
                _long2[bands] = solarWh;
            }
            Publish(slot, slots);
        }

        public void Meter(long nowMs, MeterHealth health, int exceptionCode) =>
            Publish(Append(nowMs, EventKind.Meter, (int)health, exceptionCode, 0, false, false, null, null));

        public void Command(long nowMs, string command, string rejection) =>
            Publish(Append(nowMs, EventKind.Command, 0, 0, 0, rejection == null, false, command, rejection));

        /// <summary>The versions of tariff, opening hours and fleet list in force (at boot when any is stored, and on each change).</summary>
        public void Tables(long nowMs, int tariffVersion, int scheduleVersion, int fleetVersion) =>
            Publish(Append(nowMs, EventKind.Tables, tariffVersion, scheduleVersion, fleetVersion, false, false, null, null));

        /// <summary>A login, failed login or logout at the console, or a protected console command (never a PIN).</summary>
        public void Console(long nowMs, string action, string rejection) =>
            Publish(Append(nowMs, EventKind.Console, 0, 0, 0, rejection == null, false, action, rejection));

        /// <summary>A configuration key was changed and stored; the journal keeps it for the platform.</summary>
        public void ConfigChange(long nowMs, string key, string value, bool atNextBoot) =>
            Publish(Append(nowMs, EventKind.ConfigChange, 0, 0, 0, atNextBoot, false, key, value));

        /// <summary>A step of a firmware update (docs/mqtt-api.md, Updates); the journal keeps it for the platform.</summary>
        /// <param name="detail">the reason of a rejection or rollback, the file of a download's progress, else null</param>
        /// <param name="version">the package's version and the one running before it (<see cref="Updates.UpdateVersion"/>; 0 unknown)</param>
        /// <param name="package">the package's name, as the update command gave it</param>
        public void Update(long nowMs, int state, string detail, int version, int fromVersion, long stagedBytes, long totalBytes, string package)
        {
            var slot = Append(nowMs, EventKind.Update, state, version, fromVersion, false, false, detail, package);
            if (slot < 0)
                return;
            _long1[slot] = stagedBytes;
            _long2[slot] = totalBytes;
            Publish(slot);
        }

        /// <param name="slots">how many slots the event takes (2 for a session end with its bands), all published together</param>
        /// <returns>the slot written, for the kinds that carry more than the common fields; -1 when dropped</returns>
        private int Append(long nowMs, EventKind kind, int code, int value, int value2, bool flag, bool flag2, string text, string text2,
            int slots = 1)
        {
            if (_positions.Free <= (IsDurable(kind) ? slots - 1 : _reserve))
            {
                if (IsDurable(kind))
                    Interlocked.Increment(ref _durableLost);
                else
                    Interlocked.Increment(ref _dropped);
                return -1;
            }
            var slot = _positions.WriteSlot(0);
            _timeMs[slot] = nowMs;
            _kind[slot] = (byte)kind;
            _code[slot] = code;
            _value[slot] = value;
            _value2[slot] = value2;
            _flags[slot] = (byte)((flag ? FlagBit : 0) | (flag2 ? Flag2Bit : 0));
            _text[slot] = text;
            _text2[slot] = text2;
            _long1[slot] = 0;
            _long2[slot] = 0;
            _unixS[slot] = (uint)WallClockS(nowMs);
            return slot;
        }

        /// <summary>Hands the slots just filled to the consumer (after their long fields are set, so it never sees them half done).</summary>
        private void Publish(int slot, int slots = 1)
        {
            if (slot >= 0)
                _positions.Publish(slots);
        }
    }
}
