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
        /// <summary>Test cycles still to fail before the device reacts to its test current again (a sticking test relay).</summary>
        public int FlakyTests { get; set; }

        public bool AcTripped => AcResidualMa >= AcTripMa;
        public bool DcTripped => DcResidualMa >= DcTripMa || (_testing && !SelfTestBroken && FlakyTests == 0);

        /// <summary>How many times the test current was switched on: the board's own record of self-tests.</summary>
        public int TestsStarted { get; private set; }

        /// <summary>
        /// How many test cycles the device passed as the hardware saw them: the test current tripped it and, once
        /// released, no residual current kept it tripped.
        /// </summary>
        public int TestsPassed { get; private set; }

        public void SetTestCurrent(bool active)
        {
            if (active && !_testing)
                TestsStarted++;
            if (!active && _testing && !SelfTestBroken && FlakyTests == 0 && !AcTripped && DcResidualMa < DcTripMa)
                TestsPassed++;
            else if (!active && _testing && FlakyTests > 0)
                FlakyTests--;
            _testing = active;
        }
    }
}
