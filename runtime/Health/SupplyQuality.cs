namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The supply as the pile's meter sees it. Sags (below -health.supplyLowPercent of the nominal) and swells (above
    /// +health.supplyHighPercent), counted with their durations at the meter's poll interval. The feeder's impedance seen
    /// from the pile: the no-load voltage just before the contactor closes, less the voltage under load, over the
    /// current (the steady part of each session, as for the heating), averaged over the session and followed across
    /// sessions. From it, the voltage the pile would see at its rated current: below the low limit, the feeder is too
    /// weak for it (GB/T 12325 for 220 V: +7 % / -10 %).
    /// </summary>
    public sealed class SupplyQuality
    {
        /// <summary>Below this current the pile counts as unloaded (its own electronics, a vehicle's standby).</summary>
        public const int NoLoadBelowMa = 500;
        /// <summary>The no-load voltage follows each idle reading 1/NoLoadWeight of the way.</summary>
        public const int NoLoadWeight = 8;
        /// <summary>Each session moves the impedance 1/FeederWeight of the way to its own figure (after the first).</summary>
        public const int FeederWeight = 4;
        /// <summary>Sessions measured before the feeder is judged.</summary>
        public const int FeederSessionsToJudge = 3;
        /// <summary>Loaded readings a session needs before its impedance counts.</summary>
        public const int MinSamples = 30;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;
        private long _sagSinceMs = -1;
        private long _swellSinceMs = -1;
        private int _lastNoLoadMv;
        private long _dropMvSum;
        private long _currentMaSum;
        private int _samples;

        public SupplyQuality(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
        }

        /// <summary>A new meter reading (any state).</summary>
        /// <param name="steadyLoad">the contactor has been closed long enough for a steady load</param>
        public void Reading(int voltageMv, int currentMa, bool contactorClosed, bool steadyLoad, long nowMs)
        {
            Track(voltageMv < _settings.LowLimitMv, ref _sagSinceMs, HealthFigures.SupplySags, HealthFigures.SupplySagMs, nowMs);
            Track(voltageMv > _settings.HighLimitMv, ref _swellSinceMs, HealthFigures.SupplySwells, HealthFigures.SupplySwellMs, nowMs);
            if (!contactorClosed && currentMa < NoLoadBelowMa)
                NoLoad(voltageMv);
            else if (steadyLoad && _lastNoLoadMv > 0 && currentMa >= _settings.HeatMinCurrentMa)
            {
                _dropMvSum += _lastNoLoadMv - voltageMv;
                _currentMaSum += currentMa;
                _samples++;
            }
        }

        private void NoLoad(int voltageMv)
        {
            _lastNoLoadMv = voltageMv;
            var mean = _figures[HealthFigures.SupplyNoLoadMv];
            mean = mean == 0 ? voltageMv : mean + (voltageMv - mean) / NoLoadWeight;
            _figures[HealthFigures.SupplyNoLoadMv] = mean;
            if (mean > _settings.HighLimitMv && !_figures.Raised(HealthWarnings.SupplyHigh))
                _alarm.Warn(HealthWarnings.SupplyHigh, mean, _settings.HighLimitMv);
        }

        private void Track(bool outside, ref long sinceMs, int countFigure, int durationFigure, long nowMs)
        {
            if (outside && sinceMs < 0)
                sinceMs = nowMs;
            else if (!outside && sinceMs >= 0)
            {
                _figures.Add(countFigure, 1);
                var lastedMs = nowMs - sinceMs;
                _figures.Add(durationFigure, lastedMs > int.MaxValue ? int.MaxValue : (int)lastedMs);
                sinceMs = -1;
            }
        }

        /// <summary>The contactor opened: the session's impedance, if measured, goes into the record.</summary>
        public void SessionEnded()
        {
            var enough = _samples >= MinSamples && _currentMaSum > 0;
            var milliOhm = enough ? _dropMvSum * 1000 / _currentMaSum : 0;
            _dropMvSum = _currentMaSum = 0;
            _samples = 0;
            if (!enough)
                return;
            var session = milliOhm < 0 ? 0 : milliOhm > 100000 ? 100000 : (int)milliOhm; // a drop within the meter's error reads as 0
            var sessions = _figures[HealthFigures.SupplyFeederSamples];
            var feeder = _figures[HealthFigures.SupplyFeederMilliOhm];
            feeder = sessions == 0 ? session : feeder + (session - feeder) / FeederWeight;
            _figures[HealthFigures.SupplyFeederMilliOhm] = feeder;
            _figures.Add(HealthFigures.SupplyFeederSamples, 1);
            if (sessions + 1 < FeederSessionsToJudge)
                return;
            var atRatedMv = RatedCurrentMv;
            if (atRatedMv < _settings.LowLimitMv && !_figures.Raised(HealthWarnings.FeederDrop))
                _alarm.Warn(HealthWarnings.FeederDrop, atRatedMv, _settings.LowLimitMv);
        }

        /// <summary>The voltage the pile would see at its rated current: the no-load voltage less the feeder's drop.</summary>
        public int RatedCurrentMv =>
            _figures[HealthFigures.SupplyNoLoadMv] - (int)((long)_figures[HealthFigures.SupplyFeederMilliOhm] * _settings.RatedMa / 1000);
    }
}
