namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The contactor's wear: every opening counts against its rated electrical endurance (health.contactorRatedOps
    /// openings at the rated current), weighted by the square of the current it broke over the rated current: the arc's
    /// energy, and so the contacts' erosion, grows with it. An opening at no current wears only the mechanism, counted as
    /// <see cref="NoLoadWearMilli"/> thousandths. Also the opening delay (command to auxiliary contact): its baseline over
    /// the first <see cref="DelayBaselineOpenings"/> openings, its trend after; contacts that start to stick open later.
    /// </summary>
    public sealed class ContactorWear
    {
        /// <summary>An opening without load: mechanical endurance is about a hundred times the electrical one.</summary>
        public const int NoLoadWearMilli = 10;
        /// <summary>Current above this at an opening makes it an opening under load.</summary>
        public const int LoadedAboveMa = 1000;
        public const int DelayBaselineOpenings = 20;
        /// <summary>Each opening moves the delay's trend 1/DelayTrendWeight of the way to its own delay.</summary>
        public const int DelayTrendWeight = 8;

        private readonly HealthFigures _figures;
        private readonly HealthSettings _settings;
        private readonly IHealthAlarm _alarm;

        public ContactorWear(HealthFigures figures, HealthSettings settings, IHealthAlarm alarm)
        {
            _figures = figures;
            _settings = settings;
            _alarm = alarm;
        }

        /// <summary>What one opening at <paramref name="brokenMa"/> costs, in thousandths of a rated-current opening.</summary>
        public int WearMilliOf(int brokenMa)
        {
            var rated = (long)_settings.RatedMa;
            var wear = 1000L * brokenMa / rated * brokenMa / rated;
            return wear < NoLoadWearMilli ? NoLoadWearMilli : wear > 1000000 ? 1000000 : (int)wear;
        }

        /// <summary>The contactor was commanded open while <paramref name="brokenMa"/> flowed.</summary>
        public void Opened(int brokenMa)
        {
            _figures.Add(HealthFigures.ContactorOpenings, 1);
            if (brokenMa > LoadedAboveMa)
                _figures.Add(HealthFigures.ContactorLoadedOpenings, 1);
            _figures.Add(HealthFigures.ContactorWearMilli, WearMilliOf(brokenMa));
            var used = _figures[HealthFigures.ContactorWearMilli];
            var warnAt = (long)_settings.ContactorRatedOps * 10 * _settings.ContactorWarnPercent; // thousandths
            if (used >= warnAt && !_figures.Raised(HealthWarnings.ContactorWear))
                _alarm.Warn(HealthWarnings.ContactorWear, WearPermille, _settings.ContactorWarnPercent * 10);
        }

        /// <summary>The rated life used, in permille.</summary>
        public int WearPermille => (int)((long)_figures[HealthFigures.ContactorWearMilli] / _settings.ContactorRatedOps);

        /// <summary>The auxiliary contact followed an opening command after <paramref name="delayMs"/>.</summary>
        public void OpeningDelay(int delayMs)
        {
            var delayUs = delayMs * 1000;
            var samples = _figures[HealthFigures.ContactorDelaySamples];
            if (samples < DelayBaselineOpenings)
            {
                var baseline = (_figures[HealthFigures.ContactorDelayBaselineUs] * samples + delayUs) / (samples + 1);
                _figures[HealthFigures.ContactorDelayBaselineUs] = baseline;
                _figures[HealthFigures.ContactorDelayTrendUs] = baseline;
                _figures[HealthFigures.ContactorDelaySamples] = samples + 1;
                return;
            }
            var trend = _figures[HealthFigures.ContactorDelayTrendUs];
            trend += (delayUs - trend) / DelayTrendWeight;
            _figures[HealthFigures.ContactorDelayTrendUs] = trend;
            var limitUs = _figures[HealthFigures.ContactorDelayBaselineUs] + _settings.ContactorDelayRiseMs * 1000;
            if (trend >= limitUs && !_figures.Raised(HealthWarnings.ContactorDelay))
                _alarm.Warn(HealthWarnings.ContactorDelay, trend / 1000, limitUs / 1000);
        }
    }
}
