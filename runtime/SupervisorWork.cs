namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out a
    /// planned reboot another thread asked for (the Wi-Fi policy, a command, the console) once the control thread has wound
    /// the pile down and released it, and clears the crash loop when
    /// the technician leaves safe mode: it owns the boot state, on flash, which the control thread must not wait for.
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
            if (_runtime.TakeCrashLoopClearRequest())
                _runtime.LastBoot.Keeper.ClearCrashLoop();
            if (_runtime.TakeRebootReady())
                _runtime.Supervisor.PlannedReboot();
            else
                _runtime.Supervisor.Check(nowMs);
        }
    }
}
