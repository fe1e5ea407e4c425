namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// Every figure the pile keeps about its own wear and its supply, as one array of integers (units in the names below),
    /// so the record on flash, the daily message and the console read the same numbers. One array of primitives, not an
    /// object per part: on nanoCLR each field of each object is a heap block of its own. The control thread owns it;
    /// what the storage thread writes is their encoding (<see cref="HealthWrite"/>).
    /// </summary>
    public sealed class HealthFigures
    {
        // Connector (part connector): the connection heating coefficient, micro-kelvin of connector rise over the
        // enclosure per ampere squared.
        public const int HeatBaselineSessions = 0;
        public const int HeatBaselineUkPerA2 = 1;
        public const int HeatLastUkPerA2 = 2;
        public const int HeatTrendUkPerA2 = 3;
        // Contactor: openings, openings under load, wear in thousandths of a rated-current opening, opening delay.
        public const int ContactorOpenings = 4;
        public const int ContactorLoadedOpenings = 5;
        public const int ContactorWearMilli = 6;
        public const int ContactorDelaySamples = 7;
        public const int ContactorDelayBaselineUs = 8;
        public const int ContactorDelayTrendUs = 9;
        // Supply: sags and swells (count, total duration), no-load voltage, the feeder's impedance seen from the pile.
        public const int SupplySags = 10;
        public const int SupplySagMs = 11;
        public const int SupplySwells = 12;
        public const int SupplySwellMs = 13;
        public const int SupplyNoLoadMv = 14;
        public const int SupplyFeederSamples = 15;
        public const int SupplyFeederMilliOhm = 16;
        // Residual-current device self-tests.
        public const int RcdTests = 17;
        public const int RcdFailures = 18;
        public const int RcdRetried = 19;
        // Control pilot: the +12 V plateau (baseline, now) and the debouncer's rejections.
        public const int PilotBaselineSamples = 20;
        public const int PilotBaselineMv = 21;
        public const int PilotPlateauMv = 22;
        public const int PilotRejectionsHour = 23;
        public const int PilotRejectionsWorstHour = 24;
        public const int PilotRejections = 25;
        // Meter link: today's polls, errors and longest run of failed polls, and errors since the last reset.
        public const int MeterPollsToday = 26;
        public const int MeterErrorsToday = 27;
        public const int MeterRetriesToday = 28;
        public const int MeterErrors = 29;
        // The record itself: which warnings are raised (a bit each, <see cref="HealthWarnings"/>) and the day it is of.
        public const int WarningBits = 30;
        public const int Day = 31;
        public const int Count = 32;

        /// <summary>The first figure of each part, in the order of <see cref="HealthPart"/>, and the end of the last.</summary>
        private static readonly int[] PartStart = { HeatBaselineSessions, ContactorOpenings, SupplySags, RcdTests, PilotBaselineSamples, MeterPollsToday, WarningBits };

        private readonly int[] _values = new int[Count];

        public int this[int figure]
        {
            get => _values[figure];
            set => _values[figure] = value;
        }

        /// <summary>Adds, stopping at int.MaxValue rather than wrapping (a counter that wrapped would read as new).</summary>
        public void Add(int figure, int amount)
        {
            var value = _values[figure];
            _values[figure] = value > int.MaxValue - amount ? int.MaxValue : value + amount;
        }

        /// <summary>A part was replaced: its figures start again (its baselines are learnt anew) and its warnings go.</summary>
        public void ResetPart(int part)
        {
            for (var i = PartStart[part]; i < PartStart[part + 1]; i++)
                _values[i] = 0;
            _values[WarningBits] &= ~HealthWarnings.BitsOf(part);
        }

        /// <summary>Every figure zero: a pile fresh from the factory, or a record that did not check out.</summary>
        public void Clear()
        {
            for (var i = 0; i < Count; i++)
                _values[i] = 0;
        }

        public bool Raised(int warning) => (_values[WarningBits] & (1 << warning)) != 0;

        public void Raise(int warning) => _values[WarningBits] |= 1 << warning;

        public void Lower(int warning) => _values[WarningBits] &= ~(1 << warning);
    }
}
