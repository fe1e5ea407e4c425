using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Hal;

namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// The pile as the console sees it: what it reads for the read-only commands, and the commands a logged-in technician
    /// may give. Called on the control thread between ticks only. The composition root implements it over the core
    /// (Pile), the boot context, the supervisor and the config store. Commands answer null when done, else why not.
    /// </summary>
    public interface IConsoleTarget
    {
        ConnectorStatus Status { get; }
        ErrorCode Error { get; }
        PilotState PilotState { get; }
        PilotMode PilotMode { get; }
        int DutyPermille { get; }
        int AdvertisedMa { get; }
        int PilotHighMv { get; }
        int PilotLowMv { get; }
        bool ContactorClosed { get; }
        bool ContactorFeedbackClosed { get; }
        bool LockFitted { get; }
        /// <summary>The plug lock's position switch says locked.</summary>
        bool LockLocked { get; }
        bool SafeMode { get; }
        FaultBook Faults { get; }
        /// <summary>The last fault changes, of earlier boots (from the journal) and of this one.</summary>
        FaultLog FaultLog { get; }
        /// <summary>null for a pile without a meter.</summary>
        MeterPoller Meter { get; }

        /// <summary>Console `site`: what the site lets the pile offer and why, into the reply; null, or why not.</summary>
        string SiteReport(ReplyWriter reply);
        /// <summary>`update`: the running firmware, its slot, and the update in progress or the last one's outcome.</summary>
        /// <returns>null when shown, else why not</returns>
        string UpdateReport(ReplyWriter reply);
        /// <summary>null until telemetry exists: `net` and `outbox` then say so.</summary>
        IConsoleLink Link { get; }
        /// <summary>The rated current in force (a stored change of pile.ratedCurrentA applies at the next boot).</summary>
        int RatedMa { get; }
        /// <summary>The configuration as stored: what the pile runs with, and changes that apply at the next boot.</summary>
        PileConfig Config { get; }
        BootReason BootReason { get; }
        int BootNumber { get; }
        string FirmwareVersion { get; }

        /// <summary>The current or last session of this boot, or null before the first.</summary>
        Session Session { get; }
        /// <summary>The last ended sessions, of earlier boots (from the journal) and of this one; null when there is no journal.</summary>
        SessionLog SessionLog { get; }
        /// <summary>`health`: each part's figures into <paramref name="reply"/> (docs/health.md).</summary>
        /// <returns>null when shown, else why not</returns>
        string ShowHealth(ReplyWriter reply);
        /// <summary>`health reset &lt;part&gt;` after a replacement.</summary>
        /// <returns>null when reset, else why not</returns>
        string ResetHealth(string part);

        string Authorize(string idTag);
        string Stop();
        /// <param name="limitMa"><see cref="CurrentLimit.NoLimitMa"/> lifts the limit</param>
        string SetLimitMa(int limitMa);
        string SetAvailable(bool available);
        /// <summary>Clears one latched fault whose condition has gone.</summary>
        string ClearFault(Fault fault);
        /// <summary>Starts the residual-current self-test; its result comes through <see cref="Finished"/>.</summary>
        string StartResidualCurrentSelfTest();
        string LeaveSafeMode();
        /// <summary>
        /// Validates against the whole configuration and has it stored; it applies at the next boot. Whether the write
        /// held comes through <see cref="Finished"/>.
        /// </summary>
        string SetConfig(string key, string value);
        /// <summary>
        /// Whether the last command that was accepted but takes time (the self-test, a config write on the storage
        /// thread) has finished; the shell holds its reply until then. <paramref name="rejection"/> is then its outcome:
        /// null when it succeeded, else why not.
        /// </summary>
        bool Finished(out string rejection);
        /// <summary>A planned reboot (marked, so the next boot knows). Called once the reply has gone out.</summary>
        void Reboot();
    }
}
