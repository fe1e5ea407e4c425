namespace ChargeController.Runtime
{
    /// <summary>
    /// The safety thread: the safety loop's one pass (Firmware.Safety.SafetyLoop), every 10 ms at the highest priority.
    /// It touches the board's safety inputs and the <see cref="Firmware.Safety.SafetyInterlock"/> only: no ring, no flash,
    /// no lock, no text. Its work is so short that on nanoCLR it is first in the ready list whenever it wakes.
    /// </summary>
    internal sealed class SafetyWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public SafetyWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs) => _runtime.SafetyLoop.Run(nowMs);
    }
}
