using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    public sealed class SimIndicator : IIndicator
    {
        public IndicatorPattern Pattern { get; private set; }

        public void Show(IndicatorPattern pattern) => Pattern = pattern;
    }
}
