namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out a
    /// planned reboot another thread asked for (it owns the boot state the reboot is marked in).
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
            if (_runtime.TakeRebootRequest())
                _runtime.Supervisor.PlannedReboot();
            else
                _runtime.Supervisor.Check(nowMs);
        }
    }
}
