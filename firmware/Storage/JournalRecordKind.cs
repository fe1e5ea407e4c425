namespace ChargeController.Firmware.Storage
{
    public enum JournalRecordKind
    {
        Boot = 1,
        SessionOpen = 2,
        SessionCheckpoint = 3,
        SessionClose = 4,
        Fault = 5,
        /// <summary>A login, failed login or logout at the technician console, or a protected console command.</summary>
        Console = 6,
    }
}
