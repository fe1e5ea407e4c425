namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Over-temperature with derating steps (defaults for the enclosure: 1/2 at 65 C, 1/4 at 68 C, stop at 71 C, full
    /// current again only below 60 C). A sensor with only a stop level (the connector) sets the half and quarter levels
    /// equal to it. Temperatures in tenths of a degree.
    /// </summary>
    public sealed class ThermalDerating
    {
        private readonly int _halfDeciC;
        private readonly int _quarterDeciC;
        private readonly int _stopDeciC;
        private readonly int _resumeDeciC;

        public ThermalDerating(int halfDeciC, int quarterDeciC, int stopDeciC, int resumeDeciC)
        {
            _halfDeciC = halfDeciC;
            _quarterDeciC = quarterDeciC;
            _stopDeciC = stopDeciC;
            _resumeDeciC = resumeDeciC;
        }

        /// <summary>1 (full current), 2 or 4: what the current is divided by.</summary>
        public int Divisor { get; private set; } = 1;

        /// <summary>Too hot to charge at all.</summary>
        public bool Stopped { get; private set; }

        public void Update(int temperatureDeciC)
        {
            if (temperatureDeciC < _resumeDeciC)
            {
                Divisor = 1;
                Stopped = false;
                return;
            }
            if (temperatureDeciC >= _stopDeciC)
                Stopped = true;
            if (temperatureDeciC >= _quarterDeciC)
                Divisor = 4;
            else if (temperatureDeciC >= _halfDeciC && Divisor < 2)
                Divisor = 2;
        }
    }
}
