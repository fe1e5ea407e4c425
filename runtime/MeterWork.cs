using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The meter thread: polls over Modbus when due; a slow or silent meter delays only this thread. (On a board that
    /// measures no mains voltage itself the control thread reads the supply from the poller's readings, with their age.)
    /// The site meter shares the bus: one poll a wake-up, the pile's own meter first when both are due, so a slow or
    /// silent site meter never delays the pile's billing and protection readings by more than one of its polls.
    /// </summary>
    internal sealed class MeterWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public MeterWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            var poller = _runtime.Poller;
            if (poller != null && poller.PollDue(nowMs, _runtime.MeterBusy))
            {
                poller.Poll(nowMs);
                return;
            }
            var site = _runtime.SitePoller;
            if (site != null && site.PollDue(nowMs, true))
                site.Poll(nowMs);
        }
    }
}
