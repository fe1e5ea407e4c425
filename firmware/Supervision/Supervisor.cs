using System.Threading;
using ChargeController.Firmware.Events;
using ChargeController.Hal;

namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// Watches the control loop from its own thread. While the loop beats it kicks the external hardware watchdog (so a
    /// hung runtime is reset by the chip); when the loop stalls longer than the limit it forces the outputs safe itself
    /// (contactor open, pilot F), records why, and reboots. It also marks the run stable once it has lasted the
    /// crash-loop window. A stall is counted in the supervisor's own looks (<see cref="StallCredit"/>), so a runtime that
    /// stood still as a whole is nobody's stall. Heartbeats are a counter, not a time: a 32-bit word is read whole on the ESP32, a long is not; it
    /// is written and read with Interlocked, so the other thread sees each beat.
    /// </summary>
    public sealed class Supervisor
    {
        private readonly IControlPilot _pilot;
        private readonly IContactor _contactor;
        private readonly ISupervisionOutputs _outputs;
        private readonly BootKeeper _keeper;
        private readonly EventRing _events;
        private readonly int _stallLimitMs;
        private readonly long _stableAfterMs;
        private int _beats;
        private int _looks;
        private int _seenBeats = -1;
        private int _stalledMs;
        private readonly StallCredit _credit = new StallCredit();
        private bool _stableMarked;

        public Supervisor(IControlPilot pilot, IContactor contactor, ISupervisionOutputs outputs, BootKeeper keeper, EventRing events,
            int stallLimitMs, long stableAfterMs)
        {
            _pilot = pilot;
            _contactor = contactor;
            _outputs = outputs;
            _keeper = keeper;
            _events = events;
            _stallLimitMs = stallLimitMs;
            _stableAfterMs = stableAfterMs;
        }

        /// <summary>The supervisor's own events (watchdog), drained like the core's.</summary>
        public EventRing Events => _events;

        /// <summary>Called by the control thread after every tick.</summary>
        public void Heartbeat() => Interlocked.Increment(ref _beats);

        /// <summary>How many times the supervisor thread looked (a counter another thread reads: a new firmware's trial).</summary>
        public int Looks => Interlocked.CompareExchange(ref _looks, 0, 0);

        /// <summary>Called by the supervisor thread every tick period.</summary>
        /// <returns>true when it has forced the outputs safe and rebooted</returns>
        public bool Check(long nowMs)
        {
            Interlocked.Increment(ref _looks);
            var beats = Interlocked.CompareExchange(ref _beats, 0, 0);
            var creditMs = _credit.Next(nowMs);
            if (beats != _seenBeats)
            {
                _seenBeats = beats;
                _stalledMs = 0;
                _outputs.KickWatchdog(); // only a loop that beat since the last look keeps the hardware watchdog quiet
            }
            else if ((_stalledMs += creditMs) > _stallLimitMs)
            {
                ThreadFailed(nowMs, _stalledMs, null);
                return true;
            }
            if (!_stableMarked && nowMs >= _stableAfterMs && _keeper != null)
            {
                _stableMarked = true;
                _keeper.MarkStable();
            }
            return false;
        }

        /// <summary>
        /// A thread died (its work threw) or stalled past its limit, or the control loop stalled (<paramref name="thread"/>
        /// null): outputs safe, the watchdog event naming the thread, the watchdog marker, a reboot.
        /// </summary>
        public void ThreadFailed(long nowMs, int stalledMs, string thread)
        {
            _contactor.Command(false);
            _pilot.Drive(PilotMode.StateF, 0);
            _events.Watchdog(nowMs, stalledMs, thread);
            _events.Contactor(nowMs, false);
            _events.Pilot(nowMs, PilotMode.StateF, 0, 0);
            if (_keeper != null)
                _keeper.MarkWatchdog(stalledMs, thread);
            _outputs.Reboot();
        }

        /// <summary>
        /// A reboot on purpose (command, console, update), once the control thread has wound the pile down
        /// (<see cref="Firmware.Pile.ReadyForReboot"/>): marked, so the next boot knows it was planned, and the outputs driven
        /// to their reset levels (contactor open, pilot -12 V) before the reset, whatever the control loop left.
        /// </summary>
        public void PlannedReboot()
        {
            if (_keeper != null)
                _keeper.MarkPlanned();
            _contactor.Command(false);
            _pilot.Drive(PilotMode.StateF, 0);
            _outputs.Reboot();
        }
    }
}
