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
        /// <summary>A configuration key was changed and stored (a platform event; the trace shows it as the command that did it).</summary>
        ConfigChange,
        /// <summary>The second ring slot of a session end with tariff bands: read back as part of the end, never on its own.</summary>
        Bands,
        Tables,
        /// <summary>The safety loop opened the contactor before the core did (Code = <see cref="Safety.SafetyCause"/>).</summary>
        SafetyLoop,
        /// <summary>A step of a firmware update (Code = <see cref="Updates.UpdateStates"/>, Text = reason or file, Text2 = package, Value/Value2 = version/from, Long1/Long2 = bytes staged/total).</summary>
        Update,
    }
}
