namespace ChargeController.Firmware.Safety
{
    /// <summary>OCPP 1.6 ChargePointErrorCode values this pile reports.</summary>
    public enum ErrorCode
    {
        NoError,
        ConnectorLockFailure,
        EVCommunicationError,
        GroundFailure,
        HighTemperature,
        InternalError,
        OtherError,
        OverCurrentFailure,
        OverVoltage,
        PowerMeterFailure,
        PowerSwitchFailure,
        ReaderFailure,
        ResetFailure,
        UnderVoltage,
        WeakSignal,
    }
}
