using ChargeController.Firmware.Storage;

namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// Keeps the boot state file up to date during a run: the run has lasted the crash-loop window, the run is about to
    /// end on purpose (planned or watchdog reboot), a technician cleared the crash loop. Three writes a run at most.
    /// </summary>
    public sealed class BootKeeper
    {
        private readonly BootStateStore _store;
        private readonly BootState _state;

        public BootKeeper(BootStateStore store, BootState state)
        {
            _store = store;
            _state = state;
        }

        public void MarkStable()
        {
            _state.ReachedStable = true;
            _state.UnexpectedStreak = 0;
            _store.Save(_state);
        }

        public void MarkPlanned() => Mark(BootState.MarkerPlanned, 0);

        /// <param name="thread">the thread that died or stalled, or null for the control loop's own stall</param>
        public void MarkWatchdog(int stalledMs, string thread) =>
            Mark(BootState.MarkerWatchdog | ThreadNames.CodeOf(thread) << BootState.MarkerThreadShift, stalledMs);

        public void ClearCrashLoop()
        {
            _state.CrashLoop = false;
            _state.UnexpectedStreak = 0;
            _store.Save(_state);
        }

        private void Mark(int marker, int stalledMs)
        {
            _state.Marker = marker;
            _state.StalledMs = stalledMs;
            _store.Save(_state);
        }
    }
}
