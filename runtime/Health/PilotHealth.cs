namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The control pilot's health. The +12 V plateau (nothing plugged in, no PWM) averaged each minute: its baseline is
    /// the first <see cref="BaselineMinutes"/> such minutes, then a slow trend (a few hours) that follows the oscillator,
    /// the resistor R1 and the ADC as they age; warned when it drifts health.pilotDriftMv from the baseline. And the
    /// debouncer's rejections (a pilot change that did not last): a damaged cable or a corroded contact bounces;
    /// warned at health.pilotRejectionsPerHour in an hour.
    /// </summary>
    public sealed class PilotHealth
    {
        public const long MinuteMs = 60000;
        public const long HourMs = 3600000;
        public const int BaselineMinutes = 60;
        /// <summary>Each minute moves the plateau's trend 1/TrendWeight of the way (about four hours to follow a step).</summary>
        public const int TrendWeight = 256;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;
        private long _minuteSumMv;
        private int _minuteSamples;
        private long _minuteStartMs;
        private long _hourStartMs;
        /// <summary>The trend with 8 more bits, so a minute's small step is not lost to the division.</summary>
        private long _trendMv256 = -1;

        public PilotHealth(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm, long nowMs)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
            _minuteStartMs = _hourStartMs = nowMs;
        }

        /// <summary>Every tick: the pilot's high level, whether it is the +12 V plateau now, and the debouncer's new rejections.</summary>
        public void Tick(int highLevelMv, bool plateau, int newRejections, long nowMs)
        {
            if (plateau)
            {
                _minuteSumMv += highLevelMv;
                _minuteSamples++;
            }
            if (nowMs - _minuteStartMs >= MinuteMs)
            {
                if (_minuteSamples > 0)
                    Minute((int)(_minuteSumMv / _minuteSamples));
                _minuteSumMv = 0;
                _minuteSamples = 0;
                _minuteStartMs = nowMs;
            }
            if (newRejections > 0)
                Rejected(newRejections);
            if (nowMs - _hourStartMs >= HourMs)
            {
                _figures[HealthFigures.PilotRejectionsHour] = 0;
                _hourStartMs = nowMs;
            }
        }

        private void Rejected(int count)
        {
            _figures.Add(HealthFigures.PilotRejections, count);
            _figures.Add(HealthFigures.PilotRejectionsHour, count);
            var hour = _figures[HealthFigures.PilotRejectionsHour];
            if (hour > _figures[HealthFigures.PilotRejectionsWorstHour])
                _figures[HealthFigures.PilotRejectionsWorstHour] = hour;
            if (hour >= _settings.PilotRejectionsPerHour && !_figures.Raised(HealthWarnings.PilotRejections))
                _alarm.Warn(HealthWarnings.PilotRejections, hour, _settings.PilotRejectionsPerHour);
        }

        private void Minute(int plateauMv)
        {
            var samples = _figures[HealthFigures.PilotBaselineSamples];
            if (samples < BaselineMinutes)
            {
                var baseline = (int)(((long)_figures[HealthFigures.PilotBaselineMv] * samples + plateauMv) / (samples + 1));
                _figures[HealthFigures.PilotBaselineMv] = baseline;
                _figures[HealthFigures.PilotPlateauMv] = baseline;
                _figures[HealthFigures.PilotBaselineSamples] = samples + 1;
                _trendMv256 = (long)baseline << 8;
                return;
            }
            if (_trendMv256 < 0)
                _trendMv256 = (long)_figures[HealthFigures.PilotPlateauMv] << 8;
            _trendMv256 += (((long)plateauMv << 8) - _trendMv256) / TrendWeight;
            var trend = (int)(_trendMv256 >> 8);
            _figures[HealthFigures.PilotPlateauMv] = trend;
            var drift = trend - _figures[HealthFigures.PilotBaselineMv];
            if ((drift >= _settings.PilotDriftMv || -drift >= _settings.PilotDriftMv) && !_figures.Raised(HealthWarnings.PilotDrift))
                _alarm.Warn(HealthWarnings.PilotDrift, trend, _figures[HealthFigures.PilotBaselineMv] + (drift > 0 ? _settings.PilotDriftMv : -_settings.PilotDriftMv));
        }

        /// <summary>The part was reset: the trend starts again from the next baseline.</summary>
        public void Reset() => _trendMv256 = -1;
    }
}
