using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Text
{
    /// <summary>
    /// The names of the core's enums, as the platform, the trace and the technician read them. On the device an enum's
    /// ToString() is its number, so every name comes from these tables, in declaration order of the enums.
    /// </summary>
    public static class Names
    {
        private static readonly string[] Statuses =
            { "Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Unavailable", "Faulted" };

        private static readonly string[] ErrorCodes =
        {
            "NoError", "ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature", "InternalError",
            "OtherError", "OverCurrentFailure", "OverVoltage", "PowerMeterFailure", "PowerSwitchFailure", "ReaderFailure",
            "ResetFailure", "UnderVoltage", "WeakSignal",
        };

        private static readonly string[] StopReasons =
        {
            "None", "DeAuthorized", "EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot",
            "Remote", "SoftReset", "UnlockCommand",
        };

        private static readonly string[] PilotStates = { "Unknown", "A", "B", "C", "D", "E", "F", "Invalid" };
        private static readonly string[] PilotModes = { "off", "pwm", "f" };
        private static readonly string[] BootReasons = { "PowerOn", "PowerLoss", "Watchdog", "Planned", "CrashLoop" };

        private static readonly string[] MeterHealths =
        {
            "unknown", "ok", "timeout", "crc", "slave-exception", "non-finite", "value-overflow", "voltage-range", "current-range",
            "power-range", "power-mismatch", "frequency-range", "energy-range", "energy-backwards", "energy-jump", "profile-incomplete",
        };

        private static readonly string[] SafetyCauses = { "none", "pilot", "plug", "residual-current", "emergency-stop" };

        public static string Of(MeterHealth health) => MeterHealths[(int)health];

        public static string Of(ConnectorStatus status) => Statuses[(int)status];
        public static string Of(ErrorCode code) => ErrorCodes[(int)code];
        public static string Of(StopReason reason) => StopReasons[(int)reason];
        public static string Of(PilotState state) => PilotStates[(int)state];
        public static string Of(PilotMode mode) => PilotModes[(int)mode];
        public static string Of(BootReason reason) => BootReasons[(int)reason];
        public static string Of(SafetyCause cause) => SafetyCauses[(int)cause];
    }
}
