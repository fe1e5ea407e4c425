namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out
    /// a reboot a command asked for (it marks the boot state on flash, which the control thread must not wait for).
    /// </summary>
    internal sealed class SupervisorWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public SupervisorWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            _runtime.Supervisor.Check(nowMs);
            if (_runtime.CommandHost.TakeReboot())
                _runtime.Supervisor.PlannedReboot();
        }
    }
}
