namespace ChargeController.Firmware.Events
{
    public enum EventKind
    {
        Boot,
        Cp,
        Pilot,
        Contactor,
        Status,
        Fault,
        Session,
        Command,
        Meter,
        Watchdog,
        ConfigWarning,
        Lock,
        Console,
        Bands,
        Tables,
    }
}
