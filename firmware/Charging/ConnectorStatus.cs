namespace ChargeController.Firmware.Charging
{
    /// <summary>OCPP 1.6 connector statuses (Reserved is not used by this pile).</summary>
    public enum ConnectorStatus
    {
        Available,
        Preparing,
        Charging,
        SuspendedEVSE,
        SuspendedEV,
        Finishing,
        Unavailable,
        Faulted,
    }
}
