namespace ChargeController.Sim.Metering
{
    /// <summary>
    /// The site behind its connection point, as its meter sees it: the household's own load on L1 (the phase a house's
    /// single-phase circuits share), a PV array whose inverter feeds its power evenly into the site meter's phases, and
    /// the pile's own draw on the phases it charges on. Each phase's current is signed: negative when the phase exports.
    /// </summary>
    public sealed class SimSite
    {
        private readonly int[] _phaseMa = new int[3];

        public SimSite(SimMeter meter)
        {
            Meter = meter;
        }

        public SimMeter Meter { get; }
        /// <summary>The household's load on L1, mA (`site load &lt;n&gt;A`).</summary>
        public int LoadMa { get; set; }
        /// <summary>What the PV array produces now, W (`site pv &lt;n&gt;W`).</summary>
        public int PvW { get; set; }

        /// <summary>The signed current the site meter measures on a phase (0 to 2) as of the last step.</summary>
        public int PhaseMa(int phase) => _phaseMa[phase];

        /// <summary>The world's step: the site's currents from the load, the sun and the pile, into the meter.</summary>
        /// <param name="pileMa">the pile's draw on each phase it charges on</param>
        /// <param name="pilePhases">1 (the pile on L1) or 3</param>
        public bool Step(long nowMs, int voltageMv, int pileMa, int pilePhases)
        {
            var phases = Meter.Profile.Phases;
            var pvMa = voltageMv <= 0 ? 0 : (int)((long)PvW * 1000000 / ((long)phases * voltageMv));
            var changed = false;
            for (var phase = 0; phase < 3; phase++)
            {
                var ma = 0;
                if (phase < phases)
                    ma = (phase == 0 ? LoadMa : 0) - pvMa + (phase < pilePhases ? pileMa : 0);
                changed |= ma != _phaseMa[phase];
                _phaseMa[phase] = ma;
            }
            Meter.Measure(nowMs, voltageMv, _phaseMa[0], _phaseMa[1], _phaseMa[2]);
            return changed;
        }
    }
}
