namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The connection heating coefficient: over the steady part of a session (after health.heatSettleMin of charging, at
    /// health.heatMinCurrentA or more) the connector's rise over the enclosure, against the square of the current. A
    /// contact's heating is I^2 R, so the ratio follows the resistance of the connections in the current path: a terminal
    /// that loosens or corrodes raises it session by session. Micro-kelvin per ampere squared (a sound 32 A connection
    /// rising 20 K: about 19,500). The first health.heatBaselineSessions sessions give the baseline; after that each
    /// session moves the trend a quarter of the way to its own figure, and the trend is judged against the baseline.
    /// </summary>
    public sealed class ConnectionHeating
    {
        /// <summary>Steady readings a session needs before its figure counts (a minute of charging at the 1 s poll).</summary>
        public const int MinSamples = 60;
        /// <summary>Each session moves the trend 1/TrendWeight of the way to its figure: one odd session does not warn.</summary>
        public const int TrendWeight = 4;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;
        private long _riseDeciCSum;
        private long _currentDa2Sum;
        private int _samples;

        public ConnectionHeating(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
        }

        /// <summary>The current is held at health.heatDerateA: the coefficient reached health.heatDeratePercent.</summary>
        public bool Derated => _figures.Raised(HealthWarnings.HeatDerate);

        /// <summary>A new meter reading while the contactor is closed.</summary>
        /// <param name="closedForMs">how long the contactor has been closed</param>
        public void Sample(long closedForMs, int currentMa, int connectorDeciC, int enclosureDeciC)
        {
            if (closedForMs < _settings.HeatSettleMs || currentMa < _settings.HeatMinCurrentMa)
                return;
            var deciAmps = currentMa / 100;
            _riseDeciCSum += connectorDeciC - enclosureDeciC;
            _currentDa2Sum += (long)deciAmps * deciAmps;
            _samples++;
        }

        /// <summary>The contactor opened: the session's figure, if it had a steady part long enough, goes into the record.</summary>
        /// <returns>whether the record changed in a way worth saving now (the baseline grew)</returns>
        public bool SessionEnded()
        {
            var enough = _samples >= MinSamples && _riseDeciCSum > 0;
            // K / A^2 = (deci-C / 10) / (deci-A^2 / 100); in micro-kelvin: deci-C * 10^7 / deci-A^2
            var figure = enough ? _riseDeciCSum * 10000000L / _currentDa2Sum : 0;
            _riseDeciCSum = _currentDa2Sum = 0;
            _samples = 0;
            if (!enough)
                return false;
            var coefficient = figure > int.MaxValue ? int.MaxValue : (int)figure;
            _figures[HealthFigures.HeatLastUkPerA2] = coefficient;
            var learnt = _figures[HealthFigures.HeatBaselineSessions];
            if (learnt < _settings.HeatBaselineSessions)
            {
                var baseline = ((long)_figures[HealthFigures.HeatBaselineUkPerA2] * learnt + coefficient) / (learnt + 1);
                _figures[HealthFigures.HeatBaselineUkPerA2] = (int)baseline;
                _figures[HealthFigures.HeatBaselineSessions] = learnt + 1;
                _figures[HealthFigures.HeatTrendUkPerA2] = (int)baseline;
                return true;
            }
            var trend = _figures[HealthFigures.HeatTrendUkPerA2];
            trend += (coefficient - trend) / TrendWeight;
            _figures[HealthFigures.HeatTrendUkPerA2] = trend;
            Judge(trend);
            return false;
        }

        private void Judge(int trend)
        {
            var baseline = (long)_figures[HealthFigures.HeatBaselineUkPerA2];
            var warnAt = baseline * _settings.HeatWarnPercent / 100;
            var derateAt = baseline * _settings.HeatDeratePercent / 100;
            if (trend >= warnAt && !_figures.Raised(HealthWarnings.HeatRise))
                _alarm.Warn(HealthWarnings.HeatRise, trend, (int)warnAt);
            if (trend >= derateAt && !_figures.Raised(HealthWarnings.HeatDerate))
                _alarm.Warn(HealthWarnings.HeatDerate, trend, (int)derateAt);
        }
    }
}
