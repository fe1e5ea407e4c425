using ChargeController.Firmware.Commands;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// When a verified package may take over, and whether a new one is healthy (control thread). The switch waits for a
    /// moment without a session, inside the command's window when it gave one. A slot on trial is confirmed once the pile
    /// ran <c>update.trialMs</c> (its control loop ticking all along, and its supervisor looking: a silence of the
    /// supervisor longer than <see cref="SupervisorSilenceMs"/> starts the time again) and the link came up; a trial
    /// not confirmed within twice that gives up (trial-timeout), and the loader then takes the previous slot.
    /// </summary>
    public sealed class SlotSwitch
    {
        /// <summary>The supervisor looks every tick (10 ms); this long without a look is a supervisor that stalled.</summary>
        public const int SupervisorSilenceMs = 1000;

        private readonly int _trialMs;
        private long _trialStartMs = -1;
        private long _healthySinceMs;
        private long _supervisorSeenMs;
        private int _supervisorLooks;
        private bool _linkSeen;

        public SlotSwitch(int trialMs)
        {
            _trialMs = trialMs;
        }

        public int TrialMs => _trialMs;

        /// <param name="localMinute">minutes after local midnight, or -1 when the clock is not set</param>
        /// <returns>whether the switch may happen now</returns>
        public static bool MayStart(bool sessionRunning, int windowStartMin, int windowEndMin, int localMinute)
        {
            if (sessionRunning)
                return false;
            if (windowStartMin < 0)
                return true;
            if (localMinute < 0)
                return false; // a window without a clock cannot be kept: wait for SNTP
            return windowStartMin < windowEndMin
                ? localMinute >= windowStartMin && localMinute < windowEndMin
                : localMinute >= windowStartMin || localMinute < windowEndMin; // across midnight
        }

        /// <summary>A tick on trial.</summary>
        /// <param name="supervisorLooks">the supervisor's count of looks (<see cref="Supervision.Supervisor.Looks"/>)</param>
        /// <returns>1 to confirm, -1 to give the trial up, 0 while it runs</returns>
        public int Trial(long nowMs, bool linkUp, int supervisorLooks)
        {
            if (_trialStartMs < 0)
            {
                _trialStartMs = _healthySinceMs = _supervisorSeenMs = nowMs;
                _supervisorLooks = supervisorLooks;
            }
            if (supervisorLooks != _supervisorLooks)
            {
                _supervisorLooks = supervisorLooks;
                _supervisorSeenMs = nowMs;
            }
            else if (nowMs - _supervisorSeenMs > SupervisorSilenceMs)
                _healthySinceMs = nowMs; // the supervisor stalled: the trial's time counts again from its next look
            _linkSeen |= linkUp;
            if (nowMs - _healthySinceMs >= _trialMs && _linkSeen)
                return 1;
            return nowMs - _trialStartMs >= 2L * _trialMs ? -1 : 0;
        }

        /// <summary>Minutes after local midnight at <paramref name="unixS"/> (0: no clock) with the opening hours' offset.</summary>
        public static int LocalMinute(long unixS, int utcOffsetMin) => unixS == 0 ? -1 : LocalTime.MinuteOfDay(unixS, utcOffsetMin);
    }
}
