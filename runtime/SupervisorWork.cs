namespace ChargeController.Runtime
{
    /// <summary>The supervisor thread: checks the control loop's heartbeat (see Firmware.Supervision.Supervisor).</summary>
    internal sealed class SupervisorWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public SupervisorWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs) => _runtime.Supervisor.Check(nowMs);
    }
}
