namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks every thread's heartbeat and death (<see cref="ThreadWatch"/>: a dead or stalled thread
    /// forces the outputs safe and reboots, naming it), the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out a
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
            int stalledMs;
            var failed = _runtime.Threads.Check(nowMs, out stalledMs);
            if (failed >= 0)
                _runtime.Supervisor.ThreadFailed(nowMs, stalledMs, _runtime.Threads.NameOf(failed));
            else if (_runtime.TakeRebootReady())
                _runtime.Supervisor.PlannedReboot();
            else
                _runtime.Supervisor.Check(nowMs);
        }
    }
}
