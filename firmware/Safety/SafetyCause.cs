namespace ChargeController.Firmware.Safety
{
    /// <summary>Why the safety loop opened the contactor before the core did (<see cref="SafetyLoop"/>).</summary>
    public enum SafetyCause
    {
        None,
        /// <summary>The pilot read neither C nor D (A, B, E, F, or outside every window).</summary>
        Pilot,
        /// <summary>The plug's CC contact was lost (open, or no cable's coding).</summary>
        Plug,
        ResidualCurrent,
        EmergencyStop,
    }
}
