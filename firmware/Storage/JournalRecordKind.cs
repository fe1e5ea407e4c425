namespace ChargeController.Firmware.Storage
{
    public enum JournalRecordKind
    {
        Boot = 1,
        SessionOpen = 2,
        SessionCheckpoint = 3,
        SessionClose = 4,
        Fault = 5,
        /// <summary>The outbox's cursor: every platform record up to this sequence is acknowledged by the broker.</summary>
        OutboxAck = 6,
        /// <summary>How many platform records a full outbox has dropped, in the pile's life.</summary>
        OutboxDropped = 7,
        /// <summary>A configuration key changed and was stored.</summary>
        ConfigChange = 8,
        /// <summary>A login, failed login or logout at the technician console, or a protected console command.</summary>
        Console = 9,
        /// <summary>A health figure reached its warning threshold (docs/health.md).</summary>
        HealthWarning = 10,
        /// <summary>The day's health figures (docs/health.md).</summary>
        Health = 11,
        /// <summary>A step of a firmware update: state, reason or file, versions, bytes.</summary>
        Update = 12,
    }
}
