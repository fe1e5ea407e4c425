using ChargeController.Firmware.Commands;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// When a verified package may take over, and whether a new one is healthy (control thread). The switch waits for a
    /// moment without a session, inside the command's window when it gave one. A slot on trial is confirmed once the pile
    /// ran <c>update.trialMs</c> (its control loop ticking all along) and the link came up; a trial
    /// that never saw the link within twice that gives up (trial-timeout), and the loader then takes the previous slot.
    /// </summary>
    public sealed class SlotSwitch
    {
        private readonly int _trialMs;
        private long _trialStartMs = -1;
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
        /// <returns>1 to confirm, -1 to give the trial up, 0 while it runs</returns>
        public int Trial(long nowMs, bool linkUp)
        {
            if (_trialStartMs < 0)
                _trialStartMs = nowMs;
            _linkSeen |= linkUp;
            var ranMs = nowMs - _trialStartMs;
            if (ranMs >= _trialMs && _linkSeen)
                return 1;
            return ranMs >= 2L * _trialMs ? -1 : 0;
        }

        /// <summary>Minutes after local midnight at <paramref name="unixS"/> (0: no clock) with the opening hours' offset.</summary>
        public static int LocalMinute(long unixS, int utcOffsetMin) => unixS == 0 ? -1 : LocalTime.MinuteOfDay(unixS, utcOffsetMin);
    }
}
