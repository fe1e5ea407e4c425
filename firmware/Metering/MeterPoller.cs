using System.Threading;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// Reads the meter over Modbus and publishes plausible readings. It runs off the control thread (the meter thread on
    /// the device; scheduled on virtual time in simulation): every poll interval while a session needs it, every idle
    /// interval otherwise, at once when asked. The control thread only reads <see cref="Latest"/> and <see cref="Health"/>.
    /// After construction a poll allocates nothing: three readings rotate and the register buffer is reused. A reading is
    /// published (its index, with Interlocked) only once it is complete, and the one being filled is never the latest nor
    /// the one before it, so the control thread reads whole readings without a lock.
    /// </summary>
    public sealed class MeterPoller
    {
        private const int Buffers = 3;

        private readonly IModbusMaster _bus;
        private readonly MeterProfile _profile;
        private readonly byte _address;
        private readonly MeterPlausibility _plausibility;
        private readonly int _powerCheck;
        private readonly MeterBlock[] _blocks;
        private readonly ushort[] _words = new ushort[MeterBlock.MaxRegisters];
        private readonly MeterReading[] _readings = new MeterReading[Buffers];
        private readonly int _busyIntervalMs;
        private readonly int _idleIntervalMs;
        private readonly int[] _rejected = new int[(int)MeterHealth.ProfileIncomplete + 1];
        private int _next;
        private int _sequence;
        private readonly SharedTime _lastPollMs = new SharedTime(long.MinValue / 2);
        private bool _pollRequested;
        private bool _rebaseline;
        /// <summary>What the first answer is judged against (<see cref="ExpectFrom"/>); -1 once judged, or when nothing is expected.</summary>
        private long _expectedWh;
        private long _expectedWithinMs = -1;
        private MeterReading _latest;
        private int _published = -1;
        private MeterHealth _health = MeterHealth.Unknown;

        public MeterPoller(IModbusMaster bus, MeterProfile profile, byte address, MeterPlausibility plausibility, int busyIntervalMs, int idleIntervalMs)
            : this(bus, profile, address, plausibility, busyIntervalMs, idleIntervalMs, MeterPlausibility.PowerCheckOf(profile))
        {
        }

        /// <param name="powerCheck">how the power is checked (<see cref="MeterPlausibility.PowerCheckOf"/>; a site meter's is unchecked)</param>
        public MeterPoller(IModbusMaster bus, MeterProfile profile, byte address, MeterPlausibility plausibility, int busyIntervalMs, int idleIntervalMs,
            int powerCheck)
        {
            _bus = bus;
            _profile = profile;
            _address = address;
            _plausibility = plausibility;
            _powerCheck = powerCheck;
            _busyIntervalMs = busyIntervalMs;
            _idleIntervalMs = idleIntervalMs;
            _blocks = MeterBlock.Plan(profile.Fields);
            for (var i = 0; i < Buffers; i++)
                _readings[i] = new MeterReading();
        }

        public MeterProfile Profile => _profile;

        /// <summary>The newest plausible reading, or null before the first one.</summary>
        public MeterReading Latest
        {
            get
            {
                var index = Interlocked.CompareExchange(ref _published, 0, 0);
                return index < 0 ? null : _readings[index];
            }
        }

        public MeterHealth Health => _health;

        /// <summary>When the last poll started, whatever its outcome (monotonic ms); the control thread reads it, the meter thread writes it.</summary>
        public long LastPollMs => _lastPollMs.Read();

        /// <summary>
        /// The last poll got an answer that was refused (not a number, out of range, a power that disagrees with voltage and
        /// current, a total that fell or jumped): unlike a
        /// silent meter, one that answers nonsense is not expected to read right by waiting.
        /// </summary>
        public bool AnsweredImplausibly => _health >= MeterHealth.NonFinite && _health <= MeterHealth.EnergyTooFast;

        /// <summary>Slave exception code of the last failed poll, when <see cref="Health"/> is SlaveException.</summary>
        public byte ExceptionCode { get; private set; }

        /// <summary>How many polls ended with each health value other than Ok (rejected or failed readings).</summary>
        public int CountOf(MeterHealth health) => _rejected[(int)health];

        /// <summary>
        /// Accept the next reading's import total as the new baseline (a technician after swapping or resetting the
        /// meter). Takes effect on the meter thread's next poll, which is asked for at once.
        /// </summary>
        public void Rebaseline()
        {
            _rebaseline = true;
            _pollRequested = true;
        }

        /// <summary>
        /// At boot, before the meter thread runs: the first answer is checked as if <paramref name="lastWh"/> had been read
        /// <paramref name="withinMs"/> before it (the last checkpoint of the session the last run left open, and how long it
        /// can have charged after it), instead of being believed as it comes. Refused, the session ends on its last reading.
        /// </summary>
        public void ExpectFrom(long lastWh, long withinMs)
        {
            _expectedWh = lastWh;
            _expectedWithinMs = withinMs;
        }

        /// <summary>Asks for a poll as soon as possible (the contactor has opened: the session's stop reading).</summary>
        public void RequestPoll() => _pollRequested = true;

        /// <param name="busy">a session is running or waiting for its stop reading</param>
        public bool PollDue(long nowMs, bool busy) =>
            _pollRequested || nowMs - _lastPollMs.Read() >= (busy ? _busyIntervalMs : _idleIntervalMs);

        public void Poll(long nowMs)
        {
            _lastPollMs.Write(nowMs);
            _pollRequested = false;
            var reading = _readings[_next];
            var health = Read(reading, nowMs);
            if (health == MeterHealth.Ok)
            {
                reading.TimeMs = nowMs;
                reading.Sequence = ++_sequence;
                _latest = reading;
                Interlocked.Exchange(ref _published, _next);
                _next = (_next + 1) % Buffers;
            }
            else
            {
                _rejected[(int)health]++;
            }
            _health = health;
        }

        private static MeterHealth OutOfRange(MeterQuantity quantity)
        {
            switch (quantity)
            {
                case MeterQuantity.VoltageL1:
                case MeterQuantity.VoltageL2:
                case MeterQuantity.VoltageL3:
                    return MeterHealth.VoltageOutOfRange;
                case MeterQuantity.Frequency:
                    return MeterHealth.FrequencyOutOfRange;
                case MeterQuantity.CurrentL1:
                case MeterQuantity.CurrentL2:
                case MeterQuantity.CurrentL3:
                    return MeterHealth.CurrentOutOfRange;
                default:
                    return MeterHealth.PowerOutOfRange; // the active power (the import total is held in a long)
            }
        }

        private MeterHealth Read(MeterReading reading, long nowMs)
        {
            if (_profile.FieldFor(MeterQuantity.ImportEnergy) == null)
                return MeterHealth.ProfileIncomplete;
            reading.Clear();
            foreach (var block in _blocks)
            {
                byte exceptionCode;
                var status = _profile.Function == MeterProfile.ReadHolding
                    ? _bus.ReadHoldingRegisters(_address, block.Start, block.Count, _words, out exceptionCode)
                    : _bus.ReadInputRegisters(_address, block.Start, block.Count, _words, out exceptionCode);
                ExceptionCode = exceptionCode;
                if (status == ModbusStatus.Timeout) return MeterHealth.Timeout;
                if (status == ModbusStatus.CrcError) return MeterHealth.CrcError;
                if (status == ModbusStatus.SlaveException) return MeterHealth.SlaveException;
                foreach (var field in block.Fields)
                {
                    long value;
                    var decoded = RegisterDecoder.Decode(_words, field.Address - block.Start, field, _profile.HighWordFirst, out value);
                    if (decoded != MeterHealth.Ok)
                        return decoded;
                    if ((value > int.MaxValue || value < int.MinValue) && field.Quantity != MeterQuantity.ImportEnergy)
                        return OutOfRange(field.Quantity);
                    reading.Set(field.Quantity, value);
                }
            }
            var health = _plausibility.CheckInstant(reading, _powerCheck);
            if (health != MeterHealth.Ok)
                return health;
            if (_rebaseline)
            {
                _rebaseline = false;
                return health;
            }
            if (_latest != null)
                return _plausibility.CheckEnergy(_latest.ImportWh, _latest.TimeMs, reading.ImportWh, nowMs);
            if (_expectedWithinMs < 0)
                return health;
            var expected = _plausibility.CheckEnergy(_expectedWh, nowMs - _expectedWithinMs, reading.ImportWh, nowMs);
            _expectedWithinMs = -1; // one answer is judged against it; the one after is the baseline (a new session bills differences)
            return expected;
        }
    }
}
