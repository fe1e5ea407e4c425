using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The running pile as the console sees it (control thread, between ticks): reads from the core, the board and the
    /// boot, commands to the core, a config change validated here and stored by the storage thread
    /// (<see cref="ConfigWrite"/>). Built at every boot with the core it serves (the console's tests build one too).
    /// </summary>
    public sealed class PileConsoleTarget : IConsoleTarget
    {
        /// <summary>A self-test that has not finished by then was held back (a trip or fault came first).</summary>
        public const int SelfTestWaitMs = 3000;

        private const int AwaitNothing = 0;
        private const int AwaitSelfTest = 1;
        private const int AwaitConfigWrite = 2;

        private readonly PileRuntime _runtime;
        private readonly PileHardware _hardware;
        private readonly ConfigWrite _configWrite;
        private int _awaiting = AwaitNothing;
        private long _selfTestSinceMs;

        /// <param name="configWrite">this boot's change of the stored configuration, which the platform's config set shares</param>
        public PileConsoleTarget(PileRuntime runtime, PileHardware hardware, ConfigWrite configWrite)
        {
            _runtime = runtime;
            _hardware = hardware;
            _configWrite = configWrite;
        }

        private Pile P => _runtime.Pile;
        public ConnectorStatus Status => P.Status;
        public ErrorCode Error => P.Error;
        public PilotState PilotState => P.PilotState;
        public PilotMode PilotMode => P.PilotMode;
        public int DutyPermille => P.DutyPermille;
        public int AdvertisedMa => P.AdvertisedMa;
        public int RatedMa => P.RatedMa;
        public int PilotHighMv => _hardware.Pilot.HighLevelMv;
        public int PilotLowMv => _hardware.Pilot.LowLevelMv;
        public bool ContactorClosed => P.ContactorClosed;
        public bool ContactorFeedbackClosed => _hardware.Contactor.FeedbackClosed;
        public bool LockFitted => P.LockFitted;
        public bool LockLocked => P.LockLocked;
        public bool SafeMode => P.SafeMode;
        public FaultBook Faults => P.Faults;
        public FaultLog FaultLog => _runtime.FaultLog;
        public MeterPoller Meter => _runtime.Poller;
        public string SiteReport(ReplyWriter reply) => Runtime.SiteReport.Write(_runtime.Site, reply);
        public string UpdateReport(ReplyWriter reply) => Runtime.UpdateReport.Write(_runtime.Updates, reply);
        public string ShowHealth(ReplyWriter reply) => Health.HealthReport.Show(_runtime.Health.Monitor, reply);

        public string ResetHealth(string part) => Health.HealthReport.Reset(_runtime.Health.Monitor, part);
        /// <summary>The platform link's view, once the runtime has one (until then `net` and `outbox` say there is none).</summary>
        public IConsoleLink Link => _runtime.ConsoleLink;
        public PileConfig Config => _runtime.Config;
        public BootReason BootReason => _runtime.LastBoot.Reason;
        public int BootNumber => _runtime.LastBoot.BootNumber;
        public string FirmwareVersion => _runtime.Updates == null ? Firmware.FirmwareVersion.Text : Loader.UpdateVersion.Format(_runtime.Updates.RunningVersion);
        public Session Session => P.Session;
        public SessionLog SessionLog => P.SessionLog;

        public string Authorize(string idTag) => P.Authorize(idTag);
        public string Stop() => P.RequestStop(StopReason.Local);
        public string SetLimitMa(int limitMa) => P.SetPlatformLimitMa(limitMa);
        public string SetAvailable(bool available) => P.SetAvailable(available);

        public string ClearFault(Fault fault) =>
            P.Faults.IsRaised(fault) ? P.ClearFault(fault) : "fault " + FaultPolicies.DetailOf(fault) + " is not raised";

        public string StartResidualCurrentSelfTest()
        {
            var rejection = P.StartSelfTest();
            if (rejection == null)
            {
                _awaiting = AwaitSelfTest;
                _selfTestSinceMs = _hardware.Clock.NowMs;
            }
            return rejection;
        }

        public string LeaveSafeMode()
        {
            var rejection = P.LeaveSafeMode();
            if (rejection == null)
                _runtime.RequestCrashLoopClear(); // the supervisor thread writes the boot state
            return rejection;
        }

        public string SetConfig(string key, string value)
        {
            var candidate = _configWrite.Begin();
            if (candidate == null)
                return "storage is busy: nothing was changed, try again"; // the platform's config change is on its way
            var rejection = candidate.SetConsistent(key + "=" + value);
            if (rejection != null)
                return rejection;
            if (!_configWrite.TryPost())
                return "storage is busy: nothing was changed, try again";
            _awaiting = AwaitConfigWrite;
            return null;
        }

        public bool Finished(out string rejection)
        {
            rejection = null;
            if (_awaiting == AwaitSelfTest)
            {
                if (P.RequestedSelfTestFinished)
                {
                    if (!P.SelfTestPassed)
                        rejection = "the residual-current device failed its self-test (fault " +
                            FaultPolicies.DetailOf(Fault.ResidualCurrentSelfTest) + "; see faults)";
                }
                else if (_hardware.Clock.NowMs - _selfTestSinceMs < SelfTestWaitMs)
                    return false;
                else
                    rejection = "the self-test did not run: a trip or fault held it back (see faults)";
            }
            else if (_awaiting == AwaitConfigWrite)
            {
                if (!_configWrite.Done)
                    return false;
                if (!_configWrite.Finish()) // stored, it shows at once and is in force from the next boot
                    rejection = "could not store the configuration on flash: nothing was changed";
            }
            _awaiting = AwaitNothing;
            return true;
        }

        public void Reboot() => _runtime.RequestPlannedReboot(); // the supervisor thread marks it and reboots
    }
}
