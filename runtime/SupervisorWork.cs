namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks every thread's heartbeat and death (<see cref="ThreadWatch"/>: a dead or stalled thread
    /// forces the outputs safe and reboots, naming it), the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out a
    /// planned reboot another thread asked for (the Wi-Fi policy, a command, the console) once the control thread has wound
    /// the pile down and released it and the network thread has left the broker (the offline status published), and clears the crash loop when
    /// the technician leaves safe mode: it owns the boot state, on flash, which the control thread must not wait for.
    /// </summary>
    internal sealed class SupervisorWork : IRuntimeWork
    {
        /// <summary>
        /// How long a released reboot waits for the network thread to leave the broker (its offline status acknowledged,
        /// <see cref="Firmware.Link.LinkSupervisor.LeaveWaitMs"/>); a network thread blocked in a connect does not hold it longer.
        /// </summary>
        private const long LeaveLinkMs = Firmware.Link.LinkSupervisor.LeaveWaitMs + 1000;

        private readonly PileRuntime _runtime;
        private long _rebootSeenMs = -1;

        public SupervisorWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        private long RebootSeenMs(long nowMs)
        {
            if (_rebootSeenMs < 0)
                _rebootSeenMs = nowMs;
            return _rebootSeenMs;
        }

        public void RunOnce(long nowMs)
        {
            if (_runtime.TakeCrashLoopClearRequest())
                _runtime.LastBoot.Keeper.ClearCrashLoop();
            int stalledMs;
            var failed = _runtime.Threads.Check(nowMs, out stalledMs);
            if (failed >= 0)
                _runtime.Supervisor.ThreadFailed(nowMs, stalledMs, _runtime.Threads.NameOf(failed));
            else if (_runtime.RebootReleased && (_runtime.LinkLeft || nowMs - RebootSeenMs(nowMs) >= LeaveLinkMs))
            {
                _runtime.TakeRebootReady();
                _rebootSeenMs = -1;
                _runtime.Supervisor.PlannedReboot();
            }
            else
                _runtime.Supervisor.Check(nowMs);
        }
    }
}
