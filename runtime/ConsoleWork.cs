namespace ChargeController.Runtime
{
    /// <summary>
    /// The console thread: replies out to the port, typed bytes into lines for the control thread (see
    /// Firmware.Console.ConsoleTerminal). Writing to a slow port delays only this thread.
    /// </summary>
    internal sealed class ConsoleWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public ConsoleWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            var console = _runtime.Console;
            if (console != null)
                console.Terminal.Pump();
        }
    }
}
