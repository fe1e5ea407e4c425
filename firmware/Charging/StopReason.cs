namespace ChargeController.Firmware.Charging
{
    /// <summary>OCPP 1.6 reasons a session ended.</summary>
    public enum StopReason
    {
        None,
        DeAuthorized,
        EmergencyStop,
        EVDisconnected,
        HardReset,
        Local,
        Other,
        PowerLoss,
        Reboot,
        Remote,
        SoftReset,
        UnlockCommand,
    }
}
