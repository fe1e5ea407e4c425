using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Handoff;

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The pile's early warning (docs/health.md), on the control thread after each tick: it takes the tick's
    /// <see cref="HealthSample"/>, feeds the six figures, rolls the day, and hands saves of the record to the storage
    /// thread through <see cref="FlashWrites"/> without ever waiting for one: at the end of each day (with the day's
    /// message), at a warning, at a reset and when a baseline grows. A save still in flight holds the next one back; a
    /// failed save is posted again a minute later. Nothing allocated after construction.
    /// </summary>
    public sealed class HealthMonitor : IHealthAlarm
    {
        public const long DayMs = 86400000;
        public const long SecondsPerDay = 86400;
        /// <summary>A failed save is tried again after this (a broken flash is not worn further every tick).</summary>
        public const int RetryMs = 60000;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly FlashWrites _flash;
        private readonly HealthWrite _write;
        private readonly ConnectionHeating _heating;
        private readonly ContactorWear _contactor;
        private readonly SupplyQuality _supply;
        private readonly RcdHistory _rcd;
        private readonly PilotHealth _pilot;
        private readonly MeterLinkHealth _meter;
        /// <summary>Warnings raised since the last save was posted: a bit each, with their value and threshold by warning.</summary>
        private int _pendingBits;
        private readonly int[] _pendingValue = new int[HealthWarnings.Count];
        private readonly int[] _pendingThreshold = new int[HealthWarnings.Count];
        private bool _saveWanted;
        private bool _dailyWanted;
        private int _ticket;
        private long _retryAtMs;
        private long _uptimeDayEndMs;
        private bool _wasClosed;
        private long _closedAtMs;
        private long _openedAtMs;
        private bool _awaitingRelease;
        private int _loadMa;
        private int _lastSequence;
        private int _lastFailures;
        private int _lastRejections;
        private int _lastTests;

        /// <param name="figures">the record as loaded at boot (<see cref="HealthStore.Load"/>)</param>
        /// <param name="flash">where saves go, or null for a pile that keeps no record (tests)</param>
        public HealthMonitor(HealthFigures figures, HealthSettings settings, FlashWrites flash, HealthWrite write, long nowMs)
        {
            _figures = figures;
            _settings = settings;
            _flash = flash;
            _write = write;
            _heating = new ConnectionHeating(figures, settings, this);
            _contactor = new ContactorWear(figures, settings, this);
            _supply = new SupplyQuality(figures, settings, this);
            _rcd = new RcdHistory(figures, settings, this);
            _pilot = new PilotHealth(figures, settings, this, nowMs);
            _meter = new MeterLinkHealth(figures, settings, this);
            _uptimeDayEndMs = nowMs + DayMs;
        }

        public HealthFigures Figures => _figures;
        public HealthSettings Settings => _settings;
        public ContactorWear Contactor => _contactor;
        public SupplyQuality Supply => _supply;
        public MeterLinkHealth Meter => _meter;

        /// <summary>The most the connection may carry now: health.heatDerateA once derated, else no limit.</summary>
        public int LimitMa => _heating.Derated ? _settings.HeatDerateMa : CurrentLimit.NoLimitMa;

        /// <summary>A save is wanted or in flight (the console says the record is being written).</summary>
        public bool Saving => _saveWanted || (_ticket != 0 && !_flash.Done(_ticket));

        public void Observe(HealthSample s)
        {
            FollowContactor(s);
            FollowMeter(s);
            if (s.SelfTestsFinished != _lastTests)
            {
                _lastTests = s.SelfTestsFinished;
                _rcd.TestFinished(s.SelfTestPassed);
            }
            _pilot.Tick(s.PilotHighMv, s.PilotPlateau, s.PilotRejections - _lastRejections, s.NowMs);
            _lastRejections = s.PilotRejections;
            RollDay(s.NowMs, s.UnixS);
            Save(s.NowMs, s.UnixS);
        }

        /// <summary>A technician replaced <paramref name="part"/> (console `health reset`): its figures and warnings start again.</summary>
        public void Reset(int part)
        {
            _figures.ResetPart(part);
            if (part == HealthPart.Pilot)
                _pilot.Reset();
            _pendingBits &= ~HealthWarnings.BitsOf(part);
            _saveWanted = true;
        }

        void IHealthAlarm.Warn(int warning, int value, int threshold)
        {
            _figures.Raise(warning);
            _pendingBits |= 1 << warning;
            _pendingValue[warning] = value;
            _pendingThreshold[warning] = threshold;
            _saveWanted = true;
        }

        private void FollowContactor(HealthSample s)
        {
            if (s.ContactorClosed && !_wasClosed)
            {
                _closedAtMs = s.NowMs;
                _awaitingRelease = false;
            }
            else if (!s.ContactorClosed && _wasClosed)
            {
                _contactor.Opened(_loadMa);
                _openedAtMs = s.NowMs;
                _awaitingRelease = true;
                if (_heating.SessionEnded())
                    _saveWanted = true; // the baseline grew: a power cut must not lose the first sessions
                _supply.SessionEnded();
            }
            if (_awaitingRelease && !s.FeedbackClosed)
            {
                _awaitingRelease = false;
                _contactor.OpeningDelay((int)(s.NowMs - _openedAtMs));
            }
            _wasClosed = s.ContactorClosed;
        }

        private void FollowMeter(HealthSample s)
        {
            var fresh = s.ReadingSequence > 0 && s.NowMs - s.ReadingAtMs <= Pile.FreshReadingMs;
            // What an opening now would break: the meter's current, or without a fresh reading what the pilot allows.
            _loadMa = !s.ContactorClosed ? 0 : fresh ? s.CurrentMa : s.AdvertisedMa;
            _meter.Polled(s.ReadingSequence - _lastSequence, s.MeterFailures - _lastFailures);
            _lastFailures = s.MeterFailures;
            if (s.ReadingSequence == _lastSequence)
                return;
            _lastSequence = s.ReadingSequence;
            var closedForMs = s.NowMs - _closedAtMs;
            _supply.Reading(s.VoltageMv, s.CurrentMa, s.ContactorClosed, s.ContactorClosed && closedForMs >= _settings.HeatSettleMs, s.NowMs);
            if (s.ContactorClosed)
                _heating.Sample(closedForMs, s.CurrentMa, s.ConnectorDeciC, s.EnclosureDeciC);
        }

        /// <summary>
        /// The day ends at midnight UTC while the wall clock is known, else every 24 h of uptime: the day's figures go
        /// out as the day's message, then the daily counters and warnings start again.
        /// </summary>
        private void RollDay(long nowMs, long unixS)
        {
            bool ended;
            if (unixS > 0)
            {
                var today = (int)(unixS / SecondsPerDay);
                ended = today != _figures[HealthFigures.Day];
                if (ended && _figures[HealthFigures.Day] == 0)
                {
                    _figures[HealthFigures.Day] = today; // the first day the pile knows the date: nothing to report yet
                    return;
                }
                _figures[HealthFigures.Day] = today;
            }
            else
                ended = nowMs >= _uptimeDayEndMs;
            if (!ended)
                return;
            _uptimeDayEndMs = nowMs + DayMs;
            _saveWanted = _dailyWanted = true;
        }

        private void StartNewDay()
        {
            _figures[HealthFigures.MeterPollsToday] = 0;
            _figures[HealthFigures.MeterErrorsToday] = 0;
            _figures[HealthFigures.MeterRetriesToday] = 0;
            _figures[HealthFigures.PilotRejectionsWorstHour] = 0;
            _figures[HealthFigures.WarningBits] &= ~HealthWarnings.DailyBits;
            _rcd.DayEnded();
        }

        private void Save(long nowMs, long unixS)
        {
            if (_flash == null)
                return;
            if (_ticket != 0)
            {
                if (!_flash.Done(_ticket))
                    return;
                if (!_flash.Succeeded(_ticket))
                {
                    if (nowMs < _retryAtMs)
                        return;
                    _retryAtMs = nowMs + RetryMs;
                    var again = _flash.TryPost(_write); // the same save again: it goes on where it failed
                    if (again != 0)
                        _ticket = again;
                    return;
                }
                _ticket = 0;
            }
            if (!_saveWanted)
                return;
            _write.Prepare(_figures, _dailyWanted, unixS, nowMs);
            for (var i = 0; i < HealthWarnings.Count; i++)
                if ((_pendingBits & (1 << i)) != 0)
                    _write.Add(i, _pendingValue[i], _pendingThreshold[i]);
            var ticket = _flash.TryPost(_write);
            if (ticket == 0)
                return; // every slot taken: tried again next tick
            _ticket = ticket;
            _retryAtMs = nowMs + RetryMs;
            _pendingBits = 0;
            _saveWanted = false;
            if (_dailyWanted)
            {
                _dailyWanted = false;
                StartNewDay();
            }
        }
    }
}
