using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;

namespace ChargeController.Firmware.Supervision
{
    /// <summary>Everything the pile learns at boot from storage, handed to <see cref="Pile.Start"/>.</summary>
    public sealed class BootContext
    {
        public BootReason Reason;
        /// <summary>After a watchdog reboot, the thread that died or stalled; null after the control loop's own stall, or any other boot.</summary>
        public string WatchdogThread;
        public int BootNumber;
        public string[] ConfigWarnings;
        /// <summary>No intact configuration, or a bad installation-critical key: the pile stays unavailable.</summary>
        public bool ConfigDamaged;
        /// <summary>Sessions whose open record has no close: power was lost while they ran.</summary>
        public JournalRecord[] OpenSessions;
        /// <summary>The last checkpointed reading of each open session (its start reading when it has none), in the same order.</summary>
        public long[] OpenSessionLastWh;
        /// <summary>Whether a later session opened after each open session: its end is its last checkpoint, never a reading after boot.</summary>
        public bool[] OpenSessionSuperseded;
        /// <summary>The last record of each fault, to restore retry counts and latches.</summary>
        public JournalRecord[] FaultStates;
        /// <summary>The last fault changes the journal holds; this boot's are added to it (the console's `faults`).</summary>
        public FaultLog FaultLog;
        /// <summary>The last closed sessions the journal holds; this boot's are added to it (the console's `sessions`).</summary>
        public SessionLog SessionLog;
        /// <summary>Too many unexpected boots in a row: start Unavailable, report, listen to the console, until cleared.</summary>
        public bool SafeMode;
        public Journal Journal;
        public BootKeeper Keeper;
    }
}
