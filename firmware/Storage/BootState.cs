namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// What one run leaves for the next (file boot.bin, replaced atomically, three writes a run at most: at boot, when the
    /// run has lasted the crash-loop window, and before a planned or watchdog reboot).
    /// </summary>
    public sealed class BootState
    {
        public const int MarkerNone = 0;
        public const int MarkerPlanned = 1;
        public const int MarkerWatchdog = 2;
        /// <summary>
        /// A watchdog marker keeps the thread that died or stalled in its upper four bits (Supervision.ThreadNames' code,
        /// 0 for the control loop's own stall), so files written before carry on as they were.
        /// </summary>
        public const int MarkerKindMask = 0x0F;
        public const int MarkerThreadShift = 4;

        public int BootNumber;
        /// <summary>Unexpected boots in a row whose runs did not last the crash-loop window.</summary>
        public int UnexpectedStreak;
        /// <summary>The run lasted the crash-loop window: it did not crash right away.</summary>
        public bool ReachedStable;
        /// <summary>Why the run is ending, written just before a deliberate reboot (kind, and a watchdog's thread above it).</summary>
        public int Marker;
        public int StalledMs;
        /// <summary>Safe mode, kept until a technician clears it.</summary>
        public bool CrashLoop;
    }
}
