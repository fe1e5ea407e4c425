namespace ChargeController.Hal
{
    /// <summary>
    /// The residual-current device (RDC-DD, IEC 62955): trip outputs for 30 mA AC and 6 mA smooth DC residual current,
    /// and a test input that injects a test current so the pile can prove the device works before it closes the contactor.
    /// </summary>
    public interface IResidualCurrentDevice
    {
        bool AcTripped { get; }
        bool DcTripped { get; }
        void SetTestCurrent(bool active);
    }
}
