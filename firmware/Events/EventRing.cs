using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Events
{
    /// <summary>
    /// The core's one event stream: a ring of preallocated events. The control thread appends; consumers (trace writer,
    /// journal, outbox, console) drain it. It never blocks the tick: when nobody drains, the oldest events are
    /// overwritten and counted in <see cref="Dropped"/>.
    /// </summary>
    public sealed class EventRing
    {
        public const int SessionStart = 0;
        public const int SessionEnd = 1;
        public const int SessionCheckpoint = 2;
        /// <summary>Session flags (Value2 of a session event): authorised offline; the meter did not see all of it.</summary>
        public const int SessionOffline = 1;
        public const int SessionUnmetered = 2;

        private readonly PileEvent[] _events;
        private int _head;
        private int _count;

        public EventRing(int capacity)
        {
            _events = new PileEvent[capacity];
        }

        private long _wallClockOffsetS;
        private bool _wallClockKnown;

        public int Count => _count;

        /// <summary>Unix seconds at monotonic <paramref name="nowMs"/>, or 0 while the wall clock is unknown.</summary>
        public long WallClockS(long nowMs) => _wallClockKnown ? _wallClockOffsetS + nowMs / 1000 : 0;

        /// <summary>From now on events carry wall-clock time: Unix seconds = offset + monotonic ms / 1000.</summary>
        public void SetWallClock(long offsetS)
        {
            _wallClockOffsetS = offsetS;
            _wallClockKnown = true;
        }
        public long Dropped { get; private set; }

        public bool TryRead(out PileEvent next)
        {
            if (_count == 0)
            {
                next = default(PileEvent);
                return false;
            }
            next = _events[_head];
            _events[_head].Text = null;
            _events[_head].Text2 = null;
            _head = (_head + 1) % _events.Length;
            _count--;
            return true;
        }

        public void Boot(long nowMs, BootReason reason, int bootNumber) => Append(nowMs, EventKind.Boot, (int)reason, bootNumber, 0, false, false, null, null);

        public void Watchdog(long nowMs, int stalledMs) => Append(nowMs, EventKind.Watchdog, 0, stalledMs, 0, false, false, null, null);

        public void ConfigWarning(long nowMs, string warning) => Append(nowMs, EventKind.ConfigWarning, 0, 0, 0, false, false, warning, null);

        public void Checkpoint(long nowMs, string sessionId, long wh)
        {
            var slot = Append(nowMs, EventKind.Session, SessionCheckpoint, 0, 0, false, false, sessionId, null);
            _events[slot].Long1 = wh;
        }

        public void Cp(long nowMs, PilotState state) => Append(nowMs, EventKind.Cp, (int)state, 0, 0, false, false, null, null);

        public void Pilot(long nowMs, PilotMode mode, int dutyPermille, int advertisedMa) =>
            Append(nowMs, EventKind.Pilot, (int)mode, dutyPermille, advertisedMa, false, false, null, null);

        public void Contactor(long nowMs, bool closed) => Append(nowMs, EventKind.Contactor, 0, 0, 0, closed, false, null, null);

        public void Status(long nowMs, ConnectorStatus status, ErrorCode error) =>
            Append(nowMs, EventKind.Status, (int)status, (int)error, 0, false, false, null, null);

        public void Fault(long nowMs, Fault fault, bool active, bool latched, int retries) =>
            Append(nowMs, EventKind.Fault, (int)fault, retries, 0, active, latched, null, null);

        public void Session(long nowMs, int phase, StopReason reason, int flags, string sessionId, string idTag, long startWh, long stopWh)
        {
            var slot = Append(nowMs, EventKind.Session, phase, (int)reason, flags, false, false, sessionId, idTag);
            _events[slot].Long1 = startWh;
            _events[slot].Long2 = stopWh;
        }

        public void Meter(long nowMs, MeterHealth health, int exceptionCode) =>
            Append(nowMs, EventKind.Meter, (int)health, exceptionCode, 0, false, false, null, null);

        public void Command(long nowMs, string command, string rejection) =>
            Append(nowMs, EventKind.Command, 0, 0, 0, rejection == null, false, command, rejection);

        /// <summary>A login, failed login or logout at the console, or a protected console command (never a PIN).</summary>
        public void Console(long nowMs, string action, string rejection) =>
            Append(nowMs, EventKind.Console, 0, 0, 0, rejection == null, false, action, rejection);

        /// <returns>the slot written, for the kinds that carry more than the common fields</returns>
        private int Append(long nowMs, EventKind kind, int code, int value, int value2, bool flag, bool flag2, string text, string text2)
        {
            var slot = (_head + _count) % _events.Length;
            if (_count == _events.Length)
            {
                _head = (_head + 1) % _events.Length;
                Dropped++;
            }
            else
            {
                _count++;
            }
            _events[slot].TimeMs = nowMs;
            _events[slot].Kind = kind;
            _events[slot].Code = code;
            _events[slot].Value = value;
            _events[slot].Value2 = value2;
            _events[slot].Flag = flag;
            _events[slot].Flag2 = flag2;
            _events[slot].Text = text;
            _events[slot].Text2 = text2;
            _events[slot].Long1 = 0;
            _events[slot].Long2 = 0;
            _events[slot].UnixS = WallClockS(nowMs);
            return slot;
        }
    }
}
