namespace ChargeController.Runtime
{
    /// <summary>
    /// The control thread: one tick of the core, then the heartbeat and the meter's wish. Touches only the board's ports,
    /// the event ring (as its producer) and single words: never flash, Modbus, the network or a lock.
    /// </summary>
    internal sealed class ControlWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public ControlWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            _runtime.Pile.Tick();
            _runtime.Supervisor.Heartbeat();
            _runtime.PublishMeterBusy();
            _runtime.ServiceConsole(nowMs);
        }
    }
}
