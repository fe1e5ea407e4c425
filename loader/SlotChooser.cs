namespace ChargeController.Loader
{
    /// <summary>
    /// What the loader boots at power-up, and the state it leaves for the firmware:
    /// - a slot on trial that booted <see cref="MaxTrialBoots"/> times without being confirmed (a crash loop), or whose
    ///   trial the firmware gave up: the previous slot, reason crash-loop or the firmware's;
    /// - else the active slot, when its manifest signature and every file check out (a boot on trial is counted first);
    /// - else the other slot, when it checks out, with the active slot's failure as the reason;
    /// - else the factory copy in the deployment image.
    /// The caller saves the state before it loads the slot, so a crash during the load counts as a boot.
    /// </summary>
    public sealed class SlotChooser
    {
        private readonly SlotVerifier _verifier;

        public SlotChooser(SlotVerifier verifier, int maxTrialBoots)
        {
            _verifier = verifier;
            MaxTrialBoots = maxTrialBoots;
        }

        public int MaxTrialBoots { get; }

        /// <summary>Why the active slot was left in the last choice; null when it booted.</summary>
        public string Reason { get; private set; }

        /// <summary>What went wrong, for a person (the trace, the console); null when the active slot booted.</summary>
        public string Detail { get; private set; }

        /// <returns>the slot to boot (0, 1 or <see cref="SlotLayout.Factory"/>), with <paramref name="state"/> updated to match</returns>
        public int Choose(SlotState state, UpdateKey key)
        {
            Reason = null;
            Detail = null;
            if (state.ActiveSlot == SlotLayout.Factory)
                return SlotLayout.Factory;
            if (state.Trial && (state.TrialFailure != null || state.TrialBoots >= MaxTrialBoots))
            {
                var reason = state.TrialFailure ?? UpdateReasons.CrashLoop;
                return Leave(state, key, reason, SlotLayout.Name(state.ActiveSlot) + " was not confirmed after " + state.TrialBoots.ToString() + " boots on trial");
            }
            var failure = _verifier.Check(state.ActiveSlot, key);
            if (failure != null)
                return Leave(state, key, failure, _verifier.Detail);
            if (state.Trial)
                state.TrialBoots++;
            return state.ActiveSlot;
        }

        /// <summary>Rolls back to the other slot when it checks out, else to the factory copy.</summary>
        private int Leave(SlotState state, UpdateKey key, string reason, string detail)
        {
            Reason = reason;
            Detail = detail;
            state.LastRollbackReason = reason;
            state.Trial = false;
            state.TrialBoots = 0;
            state.TrialFailure = null;
            var other = SlotLayout.Other(state.ActiveSlot);
            var left = state.RunningVersion;
            if (_verifier.Check(other, key) != null)
            {
                Detail = detail + "; " + SlotLayout.Name(other) + ": " + _verifier.Detail + ": the factory copy runs";
                state.ActiveSlot = SlotLayout.Factory;
                state.RunningVersion = UpdateVersion.None;
                state.PreviousVersion = left;
                return SlotLayout.Factory;
            }
            state.ActiveSlot = other;
            state.RunningVersion = _verifier.Manifest.Version;
            state.PreviousVersion = left;
            return other;
        }
    }
}
