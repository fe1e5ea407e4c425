using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>Simulated time: moves only when the runner advances it, so a day of charging runs in milliseconds.</summary>
    public sealed class VirtualClock : IMonotonicClock
    {
        public long NowMs { get; private set; }

        public void AdvanceTo(long nowMs)
        {
            if (nowMs > NowMs)
                NowMs = nowMs;
        }
    }
}
