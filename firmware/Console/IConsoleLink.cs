namespace ChargeController.Firmware.Console
{
    /// <summary>What the console shows of the platform link and its outbox (`net`, `outbox`); comes with telemetry.</summary>
    public interface IConsoleLink
    {
        /// <summary>"connected", "connecting", "offline", ...</summary>
        string State { get; }
        int Reconnects { get; }
        /// <summary>The last connection error, or null.</summary>
        string LastError { get; }
        /// <summary>Records waiting to be sent.</summary>
        int Backlog { get; }
        /// <summary>Monotonic time of the oldest waiting record, or -1 when none waits.</summary>
        long OldestRecordMs { get; }
    }
}
