using ChargeController.Firmware.Supervision;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The supervisor thread: checks every thread's heartbeat and death (<see cref="ThreadWatch"/>: a dead or stalled thread
    /// forces the outputs safe and reboots, naming it), the control loop's heartbeat (see Firmware.Supervision.Supervisor), and carries out a
    /// planned reboot another thread asked for (the Wi-Fi policy, a command, the console) once the control thread has wound
    /// the pile down and released it and the network thread has left the broker (<see cref="PileRuntime.PlannedRebootLeaveMs"/> at most),
    /// and clears the crash loop when
    /// the technician leaves safe mode: it owns the boot state, on flash, which the control thread must not wait for.
    /// </summary>
    internal sealed class SupervisorWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;
        /// <summary>The boot's supervisor whose planned reset waits for the leave (a power cut meanwhile starts a new one), or null.</summary>
        private Supervisor _leaving;
        private long _resetByMs;

        public SupervisorWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            if (_runtime.TakeCrashLoopClearRequest())
                _runtime.LastBoot.Keeper.ClearCrashLoop();
            var supervisor = _runtime.Supervisor;
            int stalledMs;
            var failed = _runtime.Threads.Check(nowMs, out stalledMs);
            if (failed >= 0)
            {
                supervisor.ThreadFailed(nowMs, stalledMs, _runtime.Threads.NameOf(failed));
                return;
            }
            if (_runtime.TakeRebootReady() && _leaving != supervisor) // taken each run: the control thread releases each tick
            {
                _runtime.LeaveLink(); // the platform is told the pile goes offline on purpose, not by its will 1.5 keepalives later
                _leaving = supervisor;
                _resetByMs = nowMs + PileRuntime.PlannedRebootLeaveMs;
            }
            if (_leaving == supervisor && (_runtime.LinkLeft || nowMs >= _resetByMs))
            {
                _leaving = null;
                supervisor.PlannedReboot();
            }
            else
            {
                supervisor.Check(nowMs);
            }
        }
    }
}
