namespace ChargeController.Loader
{
    /// <summary>
    /// What the loader and the firmware agree on about the slots, kept by <see cref="SlotStateStore"/>. The loader
    /// reads it at power-up, counts a boot on trial and rolls back (<see cref="SlotChooser"/>); the firmware writes it
    /// when it switches to a new slot (trial), confirms it, or gives a trial up (<see cref="TrialFailure"/>).
    /// </summary>
    public sealed class SlotState
    {
        /// <summary>The slot that boots: 0, 1 or <see cref="SlotLayout.Factory"/>.</summary>
        public int ActiveSlot = SlotLayout.Factory;
        /// <summary>The active slot is new and not confirmed yet: a bad boot takes the previous one.</summary>
        public bool Trial;
        /// <summary>Boots of the active slot on trial so far (the loader counts them before it loads the slot).</summary>
        public int TrialBoots;
        /// <summary>The firmware gave the trial up (trial-timeout): the next boot takes the previous slot for this reason.</summary>
        public string TrialFailure;
        public int RunningVersion = UpdateVersion.None;
        public int PreviousVersion = UpdateVersion.None;
        /// <summary>The highest version this pile ever confirmed: no package older than it, unless its manifest allows older.</summary>
        public int HighestVersion = UpdateVersion.None;
        /// <summary>Why the loader last left a slot (crash-loop, trial-timeout, file-hash...), until the firmware reported it.</summary>
        public string LastRollbackReason;

        public void CopyFrom(SlotState other)
        {
            ActiveSlot = other.ActiveSlot;
            Trial = other.Trial;
            TrialBoots = other.TrialBoots;
            TrialFailure = other.TrialFailure;
            RunningVersion = other.RunningVersion;
            PreviousVersion = other.PreviousVersion;
            HighestVersion = other.HighestVersion;
            LastRollbackReason = other.LastRollbackReason;
        }
    }
}
