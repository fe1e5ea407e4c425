namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The RS485 link to the meter: each day's polls, failed polls (no answer, a bad CRC, an exception, a refused value)
    /// and the longest run of failed polls in a row (how many retries the link needed before the meter answered again).
    /// Warned when health.meterErrorPercent of a day's polls failed, once it has seen <see cref="MinPollsToJudge"/>.
    /// </summary>
    public sealed class MeterLinkHealth
    {
        /// <summary>A few polls say nothing about a rate: an hour at the idle poll interval.</summary>
        public const int MinPollsToJudge = 360;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;
        private int _run;

        public MeterLinkHealth(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
        }

        /// <summary>Polls finished since the last call: <paramref name="answered"/> good, <paramref name="failed"/> not.</summary>
        public void Polled(int answered, int failed)
        {
            if (answered + failed == 0)
                return;
            _figures.Add(HealthFigures.MeterPollsToday, answered + failed);
            _figures.Add(HealthFigures.MeterErrorsToday, failed);
            _figures.Add(HealthFigures.MeterErrors, failed);
            _run = answered > 0 ? failed : _run + failed; // a poll between them answered: the run starts again
            if (_run > _figures[HealthFigures.MeterRetriesToday])
                _figures[HealthFigures.MeterRetriesToday] = _run;
            var polls = _figures[HealthFigures.MeterPollsToday];
            var errors = _figures[HealthFigures.MeterErrorsToday];
            if (polls >= MinPollsToJudge && (long)errors * 100 >= (long)polls * _settings.MeterErrorPercent &&
                !_figures.Raised(HealthWarnings.MeterErrors))
                _alarm.Warn(HealthWarnings.MeterErrors, ErrorPermille, _settings.MeterErrorPercent * 10);
        }

        /// <summary>Today's failed polls in permille of today's polls.</summary>
        public int ErrorPermille
        {
            get
            {
                var polls = _figures[HealthFigures.MeterPollsToday];
                return polls == 0 ? 0 : (int)((long)_figures[HealthFigures.MeterErrorsToday] * 1000 / polls);
            }
        }
    }
}
