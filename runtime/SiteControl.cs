using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Site;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// What the site lets the pile offer (control thread, each tick; docs/site.md). From each new site reading: the rest
    /// of the site on each phase the pile charges on is the site's current minus the pile's own (its meter's fresh
    /// reading; none counts as 0, which only lowers the offer), and the worst of those phases decides.
    /// Limit mode: the site limit minus that rest. Solar mode: the export the pile could take plus the allowed import,
    /// within the same limit, started only after the export held site.solar.startA for site.solar.startS, ended when it
    /// stays below site.solar.stopA for site.solar.stopS or falls short of 6 A even with the import.
    /// A cut applies at once; a rise (while charging) by site.raiseAPerS a second at most, and by this pile's
    /// site.sharePct of it. A site still over its limit after the vehicle had overcurrent.graceMs pauses the charge for
    /// site.pauseS. A site meter that is silent for <see cref="StaleMs"/> or answers nonsense gives site.lostA and the
    /// warning fault site-meter-lost. Integers throughout; nothing allocated after construction. It lives in the runtime
    /// assembly, behind <see cref="ISiteLimit"/>: the firmware assembly is at the size nanoFramework's MetadataProcessor
    /// can still convert (its byte-code table overflows beyond).
    /// </summary>
    public sealed class SiteControl : ISiteLimit
    {
        /// <summary>A site reading older than this is lost: the vehicle's own response time (GB/T 18487.1), five polls at 1 s.</summary>
        public const int StaleMs = 5000;
        /// <summary>A pile reading older than this does not say what the pile draws now (as for over-current supervision).</summary>
        public const int OwnFreshMs = MeterWatch.FreshReadingMs;
        private const int RaiseEveryMs = 1000;
        /// <summary>
        /// A rise smaller than this waits: the readings of two meters polled apart wobble by tens of mA, and following
        /// them would move the pilot every second for nothing (a cut of any size still applies at once).
        /// </summary>
        private const int RiseDeadbandMa = 500;
        /// <summary>How much older than the site reading the pile's may be: less than a poll interval, so the two are a pair.</summary>
        private const int OwnSkewMs = 500;

        private readonly MeterPoller _site;
        private readonly MeterPoller _pile;
        private readonly FaultBook _faults;
        private readonly int _mode;
        private readonly int _pilePhases;
        private readonly int _sitePhases;
        private readonly bool _perPhasePower;
        private readonly int _maxImportMa;
        private readonly int _lostMa;
        private readonly int _raiseMa;
        private readonly int _sharePct;
        private readonly long _pauseMs;
        private readonly long _overGraceMs;
        private readonly int _startMa;
        private readonly long _startMs;
        private readonly int _stopMa;
        private readonly long _stopMs;
        private readonly int _importMa;
        private readonly int[] _siteMa = new int[3];
        private readonly ConditionTimer _over = new ConditionTimer();
        private readonly ConditionTimer _exportHeld = new ConditionTimer();
        private readonly ConditionTimer _exportGone = new ConditionTimer();
        private readonly SiteSwapCheck _swapCheck = new SiteSwapCheck();
        private int _sequence = -1;
        private long _startedAtMs = long.MinValue;
        private int _targetMa;
        private int _capMa;
        private long _raisedAtMs;
        private long _pausedUntilMs = long.MinValue;
        private bool _overNow;
        private bool _solarRunning;
        private int _reason;
        private int _solarW;
        /// <summary>The pile's fresh reading the last site reading was judged with, or null.</summary>
        private MeterReading _own;

        /// <param name="site">the site meter's poller, or null with site.mode=off (then nothing here limits anything)</param>
        /// <param name="pile">the pile's own meter, or null</param>
        public SiteControl(PileConfig config, MeterPoller site, MeterPoller pile, FaultBook faults)
        {
            _site = site;
            _pile = pile;
            _faults = faults;
            _mode = site == null ? SiteSetup.ModeOff : SiteSetup.Mode(config);
            _pilePhases = MeterSetup.Phases(config);
            _sitePhases = site == null ? 1 : site.Profile.Phases;
            _perPhasePower = site != null && SiteCurrents.HasPerPhasePower(site.Profile);
            _maxImportMa = config.Get(ConfigKeys.SiteMaxImportA) * 1000;
            _lostMa = config.Get(ConfigKeys.SiteLostA) * 1000;
            _raiseMa = config.Get(ConfigKeys.SiteRaiseAPerS) * 1000;
            _sharePct = config.Get(ConfigKeys.SiteSharePct);
            _pauseMs = config.Get(ConfigKeys.SitePauseS) * 1000L;
            _overGraceMs = config.Get(ConfigKeys.OverCurrentGraceMs);
            _startMa = config.Get(ConfigKeys.SiteSolarStartA) * 1000;
            _startMs = config.Get(ConfigKeys.SiteSolarStartS) * 1000L;
            _stopMa = config.Get(ConfigKeys.SiteSolarStopA) * 1000;
            _stopMs = config.Get(ConfigKeys.SiteSolarStopS) * 1000L;
            _importMa = config.Get(ConfigKeys.SiteSolarImportA) * 1000;
        }

        /// <summary>
        /// A site's import total grows with everything behind its meter, not with the pile: it is judged against the
        /// largest current a meter reading may hold on each phase (<see cref="MeterPlausibility.MaxCurrentMa"/>).
        /// </summary>
        private const int SiteMaxCurrentA = MeterPlausibility.MaxCurrentMa / 1000;

        /// <returns>the site meter's poller, or null with <c>site.mode=off</c> (or without a bus)</returns>
        public static MeterPoller PollerFrom(PileConfig config, IModbusMaster bus)
        {
            var profile = SiteSetup.ProfileFrom(config);
            if (profile == null || bus == null)
                return null;
            long maxPowerW = (long)profile.Phases * SiteMaxCurrentA * config.Get(ConfigKeys.OverVoltageV);
            // A site's phases may import and export at once (a house on L1, a solar inverter on L2): its total power need
            // not agree with voltage x current, so only the physical bounds and the energy's pace hold it.
            var pollMs = config.Get(ConfigKeys.MeterBusyPollMs);
            return new MeterPoller(bus, profile, (byte)config.Get(ConfigKeys.SiteMeterAddress), new MeterPlausibility(maxPowerW),
                pollMs, pollMs, MeterPlausibility.PowerUnchecked);
        }

        /// <summary><see cref="SiteSetup.ModeOff"/>, ModeLimit or ModeSolar.</summary>
        public int Mode => _mode;
        /// <summary>The site meter's phases (1 or 3).</summary>
        public int SitePhases => _sitePhases;
        /// <summary>The site's current on a phase (0 to 2) as of the last reading, signed: negative exports.</summary>
        public int SiteMa(int phase) => _siteMa[phase];
        /// <summary>What the site limit (solar: the export and allowed import) leaves the pile now, before the rate limit.</summary>
        public int TargetMa => _targetMa;
        /// <summary>The site's cap on the pile's offer now, <see cref="CurrentLimit.NoLimitMa"/> with site.mode=off.</summary>
        public int CapMa => _mode == SiteSetup.ModeOff ? CurrentLimit.NoLimitMa : _capMa;
        /// <summary>A <see cref="SiteReason"/> code: why the cap is what it is.</summary>
        public int Reason => _reason;
        public bool Lost => _reason == SiteReason.Lost;
        /// <summary>
        /// Of the pile's power at the last site reading, the part not imported at the connection point
        /// (<see cref="SessionSolar.SolarW"/>); 0 while the site meter is lost or the pile's own reading is not fresh.
        /// </summary>
        public int SolarW => _solarW;
        /// <summary>The pile's meter and the site meter look swapped (the warning site-meters-swapped).</summary>
        public bool Swapped => _faults.IsRaised(Fault.SiteMetersSwapped);

        /// <summary>Control thread, after each tick: the figures the telemetry shows, for the network thread.</summary>
        public void Publish(SiteSnapshot snapshot) =>
            snapshot.Write(_mode, _reason, _targetMa, CapMa, _sitePhases, _siteMa[0], _siteMa[1], _siteMa[2]);

        /// <summary>The tick's update: the fault, the cap, the pause.</summary>
        public void Update(bool contactorClosed, long nowMs)
        {
            if (_mode == SiteSetup.ModeOff)
                return;
            if (_startedAtMs == long.MinValue)
                _startedAtMs = nowMs;
            var reading = _site.Latest;
            var lost = _site.AnsweredImplausibly || (reading == null ? nowMs - _startedAtMs > StaleMs : nowMs - reading.TimeMs > StaleMs);
            if (reading == null && !lost)
            {
                _capMa = 0; // no site reading yet since boot: nothing is offered until the first
                _reason = SiteReason.Lost;
                return;
            }
            _faults.Report(Fault.SiteMeterLost, lost, nowMs);
            if (lost)
            {
                _sequence = -1;
                _solarW = 0; // what the site did meanwhile is not known: the pile's energy counts as imported
                _capMa = _lostMa;
                _reason = SiteReason.Lost;
                _over.Holds(false, nowMs, 0);
                return;
            }
            if (reading.Sequence != _sequence && OwnReadingKeepsUp(reading, contactorClosed))
            {
                _sequence = reading.Sequence;
                Judge(reading, nowMs);
                if (!contactorClosed) // while charging the two meters cannot be told apart this way: the verdict stands
                    _faults.Report(Fault.SiteMetersSwapped, _swapCheck.Judge(_own, _pilePhases, _siteMa, _sitePhases, nowMs), nowMs);
            }
            if (_over.Holds(_overNow && contactorClosed, nowMs, _overGraceMs))
                _pausedUntilMs = nowMs + _pauseMs;
            if (nowMs < _pausedUntilMs)
            {
                _capMa = 0;
                _reason = SiteReason.Paused;
                return;
            }
            Follow(contactorClosed, nowMs);
            if (contactorClosed && _capMa < PilotDuty.MinimumCurrentMa)
            {
                _pausedUntilMs = nowMs + _pauseMs; // the offer ends here: the charge resumes after the pause, not at the next reading
                _reason = SiteReason.Paused;
            }
        }

        /// <summary>
        /// While charging, the rest of the site is only right from a pile reading about as new as the site's: an older one
        /// misses the vehicle's last change of current (its start, above all) and would count it as the house's. The site
        /// reading waits for the pile's next poll (both are polled every second).
        /// </summary>
        private bool OwnReadingKeepsUp(MeterReading site, bool contactorClosed)
        {
            if (!contactorClosed || _pile == null)
                return true;
            var own = _pile.Latest;
            return own == null || own.TimeMs >= site.TimeMs - OwnSkewMs || site.TimeMs - own.TimeMs > OwnFreshMs;
        }

        /// <summary>A new site reading: the site's currents, the rest of the site, the target, the solar state.</summary>
        private void Judge(MeterReading reading, long nowMs)
        {
            var own = _pile == null ? null : _pile.Latest;
            if (own != null && nowMs - own.TimeMs > OwnFreshMs)
                own = null;
            _own = own;
            _solarW = own == null ? 0 : SessionSolar.SolarW(own.ActivePowerW, reading.ActivePowerW);
            var worstRestMa = int.MinValue;
            var worstSiteMa = int.MinValue;
            for (var phase = 0; phase < 3; phase++)
            {
                _siteMa[phase] = phase < _sitePhases ? SiteCurrents.SignedMa(reading, phase, _perPhasePower) : 0;
                if (phase >= _pilePhases)
                    continue;
                var restMa = _siteMa[phase] - (own == null ? 0 : SiteCurrents.OwnMa(own, phase));
                if (restMa > worstRestMa)
                    worstRestMa = restMa;
                if (_siteMa[phase] > worstSiteMa)
                    worstSiteMa = _siteMa[phase];
            }
            var limitMa = _maxImportMa - worstRestMa;
            if (limitMa < 0)
                limitMa = 0; // the rest of the site alone is over the limit: nothing for the pile, and a rise starts from 0
            if (_mode == SiteSetup.ModeLimit)
            {
                _targetMa = limitMa;
                _overNow = worstSiteMa > _maxImportMa;
                return;
            }
            var exportMa = -worstRestMa;
            var solarMa = exportMa + _importMa < limitMa ? exportMa + _importMa : limitMa;
            if (solarMa < 0)
                solarMa = 0;
            if (!_solarRunning)
                _solarRunning = _exportHeld.Holds(exportMa >= _startMa, nowMs, _startMs);
            else if (_exportGone.Holds(exportMa < _stopMa, nowMs, _stopMs) || solarMa < PilotDuty.MinimumCurrentMa)
                StopSolar(nowMs);
            _targetMa = _solarRunning ? solarMa : 0;
            _overNow = worstSiteMa > (_importMa < _maxImportMa ? _importMa : _maxImportMa);
        }

        private void StopSolar(long nowMs)
        {
            _solarRunning = false;
            _exportHeld.Holds(false, nowMs, 0);
            _exportGone.Holds(false, nowMs, 0);
            _reason = SiteReason.SolarShort;
        }

        /// <summary>The cap toward the target: cuts at once; rises at the rate limit and this pile's share while charging.</summary>
        private void Follow(bool contactorClosed, long nowMs)
        {
            var solar = _mode == SiteSetup.ModeSolar;
            if (_targetMa <= _capMa || !contactorClosed)
            {
                if (_targetMa < _capMa)
                    _raisedAtMs = nowMs; // the next rise waits a whole step after a cut
                _capMa = _targetMa;
                _reason = solar ? (_solarRunning ? SiteReason.SolarExport : _reason == SiteReason.SolarShort ? _reason : SiteReason.SolarWaiting)
                    : SiteReason.Headroom;
                return;
            }
            _reason = SiteReason.Rising;
            if (nowMs - _raisedAtMs < RaiseEveryMs || _targetMa - _capMa < RiseDeadbandMa)
                return;
            _raisedAtMs = nowMs;
            var riseMa = (_targetMa - _capMa) * _sharePct / 100;
            if (riseMa > _raiseMa)
                riseMa = _raiseMa;
            if (riseMa < 1)
                riseMa = 1;
            _capMa += riseMa;
        }
    }
}
