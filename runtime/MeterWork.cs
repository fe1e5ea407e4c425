using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The meter thread: polls over Modbus when due; a slow or silent meter delays only this thread. On a board that measures
    /// no mains voltage itself (<see cref="IMeteredSupply"/>) it hands each new plausible reading's voltage to the supply.
    /// </summary>
    internal sealed class MeterWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;
        private readonly IMeteredSupply _meteredSupply;
        private int _fedSequence;

        public MeterWork(PileRuntime runtime, IMeteredSupply meteredSupply)
        {
            _runtime = runtime;
            _meteredSupply = meteredSupply;
        }

        public void RunOnce(long nowMs)
        {
            var poller = _runtime.Poller;
            if (poller == null || !poller.PollDue(nowMs, _runtime.MeterBusy))
                return;
            poller.Poll(nowMs);
            var latest = poller.Latest;
            if (_meteredSupply != null && latest != null && latest.Sequence != _fedSequence)
            {
                _fedSequence = latest.Sequence;
                _meteredSupply.Publish(latest.VoltageL1Mv);
            }
        }
    }
}
