namespace ChargeController.Firmware.Events
{
    /// <summary>Why the pile started; the hardware cannot tell, so it is inferred (see the persistence docs).</summary>
    public enum BootReason
    {
        PowerOn,
        PowerLoss,
        Watchdog,
        Planned,
        CrashLoop,
    }
}
