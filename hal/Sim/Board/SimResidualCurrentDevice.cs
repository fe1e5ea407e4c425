using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>An RDC-DD module: trips at 30 mA AC or 6 mA DC residual current, and on its own test current unless broken.</summary>
    public sealed class SimResidualCurrentDevice : IResidualCurrentDevice
    {
        public const int AcTripMa = 30;
        public const int DcTripMa = 6;

        private bool _testing;

        public int AcResidualMa { get; set; }
        public int DcResidualMa { get; set; }
        public bool SelfTestBroken { get; set; }

        public bool AcTripped => AcResidualMa >= AcTripMa;
        public bool DcTripped => DcResidualMa >= DcTripMa || (_testing && !SelfTestBroken);

        public void SetTestCurrent(bool active) => _testing = active;
    }
}
