using ChargeController.Firmware.Commands;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The install half of <see cref="UpdateAgent"/>: the switch to the verified slot, the trial and its end. The slot
    /// record (<see cref="SlotState"/>, shared with the loader) is the truth about the slots and is written first; the
    /// update record follows. So after a power cut at any byte the next boot finds either the old slot active (the
    /// package still verified: the switch happens again) or the new one on trial (the loader counts the boot). A confirmed
    /// package's nextKey replaces the pile's key after the slot record says confirmed, before the update record: a cut in
    /// between rotates it at the next boot; never before the confirmation, which would leave the trial's slot unsigned
    /// by the key the loader then holds.
    /// </summary>
    public sealed partial class UpdateAgent
    {
        private const int StepSwitchSlots = 10;
        private const int StepSwitchRecord = 11;
        private const int StepRebooting = 12;
        private const int StepConfirmSlots = 13;
        private const int StepGiveUp = 14;
        private const int StepRollbackReported = 15;
        private const int StepRotateKey = 16;

        private readonly SlotState _slots;
        private readonly SlotStateWrite _slotWrite;
        private readonly SlotSwitch _switch;
        private readonly ICommandHost _host;
        private bool _started;

        /// <summary>The slot record as this boot knows it (the console shows it).</summary>
        public SlotState Slots => _slots;

        /// <summary>The first pass of this boot: what the loader did since the last one, and where the update stands.</summary>
        private void Start(long nowMs)
        {
            _started = true;
            if (_slots.LastRollbackReason != null)
            {
                Outcome = UpdateStates.RolledBack;
                OutcomeReason = _slots.LastRollbackReason;
                _record.State = UpdateStates.Idle;
                _record.Version = _slots.PreviousVersion; // the version the loader left
                _record.FromVersion = RunningVersion;     // the one it runs again
                Event(nowMs, UpdateStates.RolledBack, OutcomeReason);
                _slots.LastRollbackReason = null; // reported: the event is in the journal
                Post(StepRollbackReported, _slotWrite.Of(_slots));
                return;
            }
            if (_slots.Trial)
            {
                _record.State = UpdateStates.Trial;
                _record.Version = _slots.RunningVersion;
                _record.FromVersion = _slots.PreviousVersion;
                Event(nowMs, UpdateStates.Trial, null);
                return;
            }
            if (_record.State == UpdateStates.Trial && _slots.ActiveSlot == _record.Slot)
            {
                // confirmed in the slot record, the cut came before the update record: the key's rotation (done or
                // not) and the record again
                Post(StepRotateKey, _check.ForKeyRotation(_slots.ActiveSlot));
                return;
            }
            if (_record.State == UpdateStates.Switching || _record.State == UpdateStates.Trial)
                _record.State = UpdateStates.Verified; // the slot record never switched: the package waits for the switch again
            if (_record.State == UpdateStates.Downloading)
                ResumeDownload();
            else if (_record.State == UpdateStates.Verified)
                _files.Begin(_record.Slot, _record.ManifestBytes);
        }

        /// <summary>A verified package waits for its moment; a trial runs until it is confirmed or given up.</summary>
        private void Install(long nowMs, bool sessionRunning, bool linkUp, int localMinute, int supervisorLooks)
        {
            if (_step != 0)
                return;
            if (_record.State == UpdateStates.Verified && SlotSwitch.MayStart(sessionRunning, _record.WindowStartMin, _record.WindowEndMin, localMinute))
            {
                _slots.PreviousVersion = RunningVersion;
                _slots.ActiveSlot = _record.Slot;
                _slots.Trial = true;
                _slots.TrialBoots = 0;
                _slots.TrialFailure = null;
                _slots.RunningVersion = _record.Version;
                Event(nowMs, UpdateStates.Switching, null);
                Post(StepSwitchSlots, _slotWrite.Of(_slots));
                return;
            }
            if (_record.State != UpdateStates.Trial)
                return;
            var trial = _switch.Trial(nowMs, linkUp, supervisorLooks);
            if (trial > 0)
            {
                _slots.Trial = false;
                _slots.TrialBoots = 0;
                if (_slots.RunningVersion > _slots.HighestVersion)
                    _slots.HighestVersion = _slots.RunningVersion;
                Post(StepConfirmSlots, _slotWrite.Of(_slots));
            }
            else if (trial < 0)
            {
                _slots.TrialFailure = UpdateReasons.TrialTimeout; // the loader takes the previous slot at the next boot
                Post(StepGiveUp, _slotWrite.Of(_slots));
            }
        }

        /// <summary>An install step's write is done.</summary>
        private void InstallDone(long nowMs)
        {
            switch (_step)
            {
                case StepSwitchSlots:
                    _record.State = UpdateStates.Switching;
                    Post(StepSwitchRecord, _staging.ToSave(_record));
                    return;
                case StepSwitchRecord:
                case StepGiveUp:
                    _step = StepRebooting; // nothing more this boot: the supervisor's planned reboot winds the pile down
                    _host.Reboot();
                    return;
                case StepConfirmSlots:
                    Post(StepRotateKey, _check.ForKeyRotation(_slots.ActiveSlot)); // the slot record first: see ManifestCheck
                    return;
                case StepRotateKey:
                    Confirmed(nowMs);
                    return;
                case StepRollbackReported:
                    Post(StepSaveState, _staging.ToSave(_record));
                    return;
            }
        }

        private void Confirmed(long nowMs)
        {
            _record.State = UpdateStates.Idle;
            Outcome = UpdateStates.Confirmed;
            Event(nowMs, UpdateStates.Confirmed, null);
            Post(StepSaveState, _staging.ToSave(_record));
        }
    }
}
