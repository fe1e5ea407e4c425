namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The residual-current device's self-tests: how many ran, failed, and passed only on a retry after a failure. A
    /// device that needs a second go is ageing (a sticking test relay, a slow trip): warned at
    /// health.rcdRetriesPerDay such tests in a day, before the day it fails for good and the pile stops.
    /// </summary>
    public sealed class RcdHistory
    {
        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;
        private bool _lastFailed;
        private int _retriedToday;

        public RcdHistory(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
        }

        public void TestFinished(bool passed)
        {
            _figures.Add(HealthFigures.RcdTests, 1);
            if (!passed)
                _figures.Add(HealthFigures.RcdFailures, 1);
            else if (_lastFailed)
            {
                _figures.Add(HealthFigures.RcdRetried, 1);
                _retriedToday++;
                if (_retriedToday >= _settings.RcdRetriesPerDay && !_figures.Raised(HealthWarnings.RcdRetry))
                    _alarm.Warn(HealthWarnings.RcdRetry, _retriedToday, _settings.RcdRetriesPerDay);
            }
            _lastFailed = !passed;
        }

        public void DayEnded() => _retriedToday = 0;
    }
}
