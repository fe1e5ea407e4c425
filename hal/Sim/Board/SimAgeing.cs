namespace ChargeController.Sim.Board
{
    /// <summary>
    /// Parts that age session by session (docs/scenarios.md, the `age` verbs), for the health figures to see
    /// (docs/health.md). A loosening terminal: once told, the connector's temperature follows the current, its rise over
    /// the enclosure the heating coefficient times the current squared, the coefficient growing by a percentage each
    /// session. A feeder whose impedance grows: the supply at the pile drops by its impedance times the current. A
    /// contactor that opens slower each session. Until a verb sets one, nothing here changes what the board shows.
    /// </summary>
    public sealed class SimAgeing
    {
        /// <summary>A sound connection: 20 K over the enclosure at 32 A, in micro-kelvin per ampere squared.</summary>
        public const int SoundHeatUkPerA2 = 19531;

        /// <summary>The connection's heating coefficient, 0 while the connector's temperature is the `temp connector` verb's.</summary>
        public int HeatUkPerA2 { get; private set; }
        public int HeatGrowthPercent { get; private set; }
        public int FeederMilliOhm { get; private set; }
        public int FeederGrowthMilliOhm { get; private set; }
        public int ContactorReleaseMs { get; private set; }
        public int ContactorGrowthMs { get; private set; }
        /// <summary>Sessions (contactor openings) since the first `age` verb.</summary>
        public int Sessions { get; private set; }

        public void LoosenTerminal(int percentPerSession)
        {
            if (HeatUkPerA2 == 0)
                HeatUkPerA2 = SoundHeatUkPerA2;
            HeatGrowthPercent = percentPerSession;
        }

        public void WeakenFeeder(int milliOhmPerSession) => FeederGrowthMilliOhm = milliOhmPerSession;

        public void WearContactor(int msPerSession) => ContactorGrowthMs = msPerSession;

        /// <summary>The contactor opened: one session more on every ageing part.</summary>
        public void SessionEnded()
        {
            Sessions++;
            HeatUkPerA2 += (int)((long)HeatUkPerA2 * HeatGrowthPercent / 100);
            FeederMilliOhm += FeederGrowthMilliOhm;
            ContactorReleaseMs += ContactorGrowthMs;
        }

        /// <summary>The connector's temperature at <paramref name="currentMa"/> (while a terminal ages: <see cref="HeatUkPerA2"/> above 0).</summary>
        public int ConnectorDeciC(int enclosureDeciC, int currentMa) =>
            enclosureDeciC + (int)((long)HeatUkPerA2 * currentMa / 1000 * currentMa / 1000 / 100000);

        /// <summary>What the feeder's impedance takes off the supply at <paramref name="currentMa"/>.</summary>
        public int FeederDropMv(int currentMa) => (int)((long)FeederMilliOhm * currentMa / 1000);
    }
}
