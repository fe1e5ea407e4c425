using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;

namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// What the control thread makes of the meter each tick: its health (as events), whether it is lost, over-current
    /// and current through an open contactor (a weld) on fresh readings, whether the pile is unsupervised (and the cap on
    /// what it then advertises), and whether a session may start from a real reading.
    /// </summary>
    public sealed class MeterWatch
    {
        /// <summary>A meter reading older than this is not used for over-current or weld supervision.</summary>
        public const int FreshReadingMs = 3000;
        /// <summary>Current the meter may see with the contactor open before it is a weld, and for how long.</summary>
        public const int CurrentWhileOpenMa = 500;
        public const int CurrentWhileOpenForMs = 1000;

        private readonly MeterPoller _meter;
        private readonly EventRing _events;
        private readonly FaultBook _faults;
        private readonly OverCurrentMonitor _overCurrent;
        private readonly MeterSupervision _supervision = new MeterSupervision(FreshReadingMs);
        private readonly ConditionTimer _currentWhileOpen = new ConditionTimer();
        private readonly int _meterLossMs;
        private readonly bool _meterRequired;
        private readonly int _unsupervisedMaxMa;
        private readonly int _contactorFeedbackMs;
        private MeterHealth _health = MeterHealth.Unknown;
        private long _startedAtMs;

        /// <param name="meter">the meter's poller, or null for a pile without a meter: then nothing here is ever raised</param>
        public MeterWatch(PileConfig config, MeterPoller meter, EventRing events, FaultBook faults)
        {
            _meter = meter;
            _events = events;
            _faults = faults;
            _meterLossMs = config.Get(ConfigKeys.MeterLossMs);
            _meterRequired = meter != null && config.Get(ConfigKeys.MeterLossPolicy) == 0;
            _unsupervisedMaxMa = config.Get(ConfigKeys.UnsupervisedMaxA) * 1000;
            _contactorFeedbackMs = config.Get(ConfigKeys.ContactorFeedbackMs);
            _overCurrent = new OverCurrentMonitor(config.Get(ConfigKeys.OverCurrentGraceMs), config.Get(ConfigKeys.OverCurrentTripMs));
        }

        /// <summary>No reading for <c>meter.lossMs</c> (counted from start-up before the first), as of the last check.</summary>
        public bool Lost { get; private set; }

        /// <summary>A fresh reading shows current through the open contactor (after its feedback time), as of the last check.</summary>
        public bool CurrentSeenWhileOpen { get; private set; }

        public void Start(long nowMs) => _startedAtMs = nowMs;

        /// <param name="advertisedMa">what the pilot advertises: the vehicle may draw this much</param>
        public void Check(int advertisedMa, bool contactorClosed, long openedAtMs, long nowMs)
        {
            if (_meter == null)
                return;
            var health = _meter.Health;
            if (health != _health)
            {
                _health = health;
                _events.Meter(nowMs, health, health == MeterHealth.SlaveException ? _meter.ExceptionCode : 0);
            }
            var reading = _meter.Latest;
            Lost = nowMs - (reading == null ? _startedAtMs : reading.TimeMs) >= _meterLossMs;
            _faults.Report(Fault.MeterLost, Lost, nowMs);

            var fresh = reading != null && nowMs - reading.TimeMs <= FreshReadingMs;
            var currentMa = fresh ? reading.MaxCurrentMa : 0;
            _faults.Report(Fault.OverCurrent, _overCurrent.Update(advertisedMa, fresh, currentMa, contactorClosed, nowMs), nowMs);
            CurrentSeenWhileOpen = !contactorClosed && fresh && reading.TimeMs >= openedAtMs + _contactorFeedbackMs &&
                currentMa > CurrentWhileOpenMa;
            _faults.Report(Fault.ContactorCurrentWhileOpen, _currentWhileOpen.Holds(CurrentSeenWhileOpen, nowMs, CurrentWhileOpenForMs), nowMs);
            _supervision.Update(reading, contactorClosed, nowMs);
            _faults.Report(Fault.MeterUnsupervised, _supervision.Unsupervised, nowMs);
        }

        /// <summary>
        /// The supply voltage on a board that measures none: the L1 voltage of the newest plausible reading while the
        /// meter is not lost (younger than <c>meter.lossMs</c>, the age <see cref="ReadyToBill"/> accepts too: an idle
        /// pile polls every <c>meter.pollIdleMs</c>), else unknown. Never a stale or assumed value; the meter is wired on
        /// the supply side, so it reads with the contactor open too.
        /// </summary>
        public int SupplyMv(long nowMs)
        {
            var reading = _meter == null ? null : _meter.Latest;
            return reading != null && nowMs - reading.TimeMs < _meterLossMs ? reading.VoltageL1Mv : VoltageMonitor.UnknownMv;
        }

        /// <summary>What over-current protection would have caught must stay small while it cannot run.</summary>
        public int CapMa(int limitMa) =>
            _supervision.Unsupervised && limitMa > _unsupervisedMaxMa ? _unsupervisedMaxMa : limitMa;

        /// <summary>
        /// Under the stop policy a session may only start from a real reading: a fresh one must be in hand, not merely
        /// "not lost yet" (a meter dead since boot has not timed out in its first seconds).
        /// </summary>
        public bool ReadyToBill(long nowMs)
        {
            if (!_meterRequired)
                return true;
            var reading = _meter.Latest;
            return reading != null && nowMs - reading.TimeMs < _meterLossMs;
        }

        /// <summary>Reads the meter as soon as the meter thread can: the stop reading of a session.</summary>
        public void RequestReading()
        {
            if (_meter != null)
                _meter.RequestPoll();
        }

        /// <summary>A meter whose total went backwards (swapped or reset) is taken at its word again from its next reading on.</summary>
        /// <returns>whether it had gone backwards</returns>
        public bool Rebaseline()
        {
            if (_meter == null || _meter.Health != MeterHealth.EnergyBackwards)
                return false;
            _meter.Rebaseline();
            return true;
        }
    }
}
