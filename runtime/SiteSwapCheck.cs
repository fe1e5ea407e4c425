using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;

namespace ChargeController.Runtime
{
    /// <summary>
    /// Tells a swapped pair of meter addresses (the fault site-meters-swapped, docs/site.md): with the contactor open the
    /// pile's own meter must read about nothing, and whatever it reads flows through the site's connection point too. A
    /// pile meter that reads current while the site meter reads about none on every phase is reading the site, and the
    /// site's poller the pile's meter. Held for <see cref="HoldMs"/>: a reading from just before the contactor opened, or a
    /// step of the house between two polls, is no swap. Judged at each site reading while the contactor is open.
    /// </summary>
    internal sealed class SiteSwapCheck
    {
        /// <summary>Less than the pile's meter may read with the contactor open before current-while-open, more than its noise.</summary>
        public const int OwnMinMa = 1000;
        /// <summary>What a site meter reads of "nothing": its noise and a standby load's few watts.</summary>
        public const int SiteMaxMa = 500;
        public const long HoldMs = SiteControl.StaleMs;

        private readonly ConditionTimer _held = new ConditionTimer();

        /// <param name="own">the pile's meter's fresh reading, or null</param>
        /// <param name="siteMa">the site's signed current per phase, of which <paramref name="sitePhases"/> are read</param>
        /// <returns>whether the addresses look swapped now</returns>
        public bool Judge(MeterReading own, int pilePhases, int[] siteMa, int sitePhases, long nowMs)
        {
            var suspected = own != null;
            var ownMa = 0;
            for (var phase = 0; suspected && phase < pilePhases; phase++)
            {
                var ma = SiteCurrents.OwnMa(own, phase);
                if (ma > ownMa)
                    ownMa = ma;
            }
            for (var phase = 0; suspected && phase < sitePhases; phase++)
                suspected = siteMa[phase] < SiteMaxMa && siteMa[phase] > -SiteMaxMa;
            return _held.Holds(suspected && ownMa >= OwnMinMa, nowMs, HoldMs);
        }
    }
}
