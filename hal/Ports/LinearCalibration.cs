namespace ChargeController.Hal
{
    /// <summary>
    /// Two-point calibration from raw ADC counts to millivolts, measured per board at two known levels (for the pilot,
    /// typically -12 V and +12 V applied through R1). Integer arithmetic only: the control path has no floating point.
    /// </summary>
    public sealed class LinearCalibration
    {
        private readonly int _lowCounts;
        private readonly int _lowMv;
        private readonly int _countSpan;
        private readonly int _mvSpan;

        public LinearCalibration(int lowCounts, int lowMv, int highCounts, int highMv)
        {
            if (highCounts <= lowCounts)
                throw new System.ArgumentException("calibration points must have increasing counts");
            _lowCounts = lowCounts;
            _lowMv = lowMv;
            _countSpan = highCounts - lowCounts;
            _mvSpan = highMv - lowMv;
        }

        public int ToMillivolts(int counts) => _lowMv + (int)((long)(counts - _lowCounts) * _mvSpan / _countSpan);
    }
}
