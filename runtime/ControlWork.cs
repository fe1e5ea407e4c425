namespace ChargeController.Runtime
{
    /// <summary>
    /// The control thread: the platform's commands, one tick of the core, then the heartbeat and the meter's wish.
    /// Touches only the board's ports, the event ring and the result ring (as their producer), the command inbox (as its
    /// consumer) and single words: never flash, Modbus, the network or a lock.
    ///
    /// Commands come before the tick, so what one sets (a limit, a start, a stop) is acted on by the tick of the same
    /// cycle: a limit reaches the pilot within the tick it arrived in.
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
            var commands = _runtime.Commands;
            commands.Tick(nowMs);
            commands.Serve(_runtime.CommandInbox, _runtime.CommandResults, _runtime.ResultWriter, nowMs);
            _runtime.Pile.Tick();
            _runtime.Supervisor.Heartbeat();
            _runtime.PublishMeterBusy();
        }
    }
}
