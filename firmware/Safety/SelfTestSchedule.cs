namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// When the residual-current self-test runs: at power-up, after every plug-in, after every session that ends with the
    /// plug still in (a pass serves one session), and again after every residual-current trip or cleared fault that
    /// stopped charging; always with the contactor open and never while a trip it would mask is raised. A failed test
    /// runs again once its fault's retry delay has passed.
    /// </summary>
    public sealed class SelfTestSchedule
    {
        private readonly ResidualCurrentSelfTest _test;
        private readonly FaultBook _faults;
        private bool _due = true;
        private int _chargeStopsCleared;

        public SelfTestSchedule(ResidualCurrentSelfTest test, FaultBook faults)
        {
            _test = test;
            _faults = faults;
        }

        public bool Passed => _test.Passed;
        public bool Busy => _test.Busy;

        /// <summary>How many tests have finished, passed or failed.</summary>
        public int Finished => _test.Finished;

        /// <summary>Set for exactly the tick on which a test failed.</summary>
        public bool FailedNow => _test.FailedNow;

        /// <summary>A plug went in, or a session ended with it still in: the next close needs a new pass.</summary>
        public void Demand()
        {
            _due = true;
            _test.Invalidate();
        }

        /// <summary>The plug came out: the pass is spent; the next plug-in demands a new test.</summary>
        public void Spend() => _test.Invalidate();

        public void Run(bool contactorClosed, long nowMs)
        {
            var mayTest = _due && !_test.Busy && !contactorClosed && !ResidualCurrentTripped &&
                !_faults.IsRaised(Fault.ResidualCurrentSelfTest);
            if (mayTest)
            {
                _due = false;
                _test.Start(nowMs);
            }
            _test.Update(nowMs);
            if (_test.FailedNow)
                _due = true; // runs again once the fault's retry delay has passed
        }

        /// <summary>
        /// A residual-current trip, or any fault that stopped charging and has cleared, spends the last pass: the device
        /// may have been damaged by what tripped it, so the next close needs a new test. Runs after the monitors, so the
        /// tick that clears a fault does not offer PWM on the old pass.
        /// </summary>
        public void SpendOnInterruption()
        {
            if (!ResidualCurrentTripped && _faults.ChargeStopsCleared == _chargeStopsCleared)
                return;
            _chargeStopsCleared = _faults.ChargeStopsCleared;
            Demand();
        }

        private bool ResidualCurrentTripped => _faults.IsRaised(Fault.ResidualCurrentAc) || _faults.IsRaised(Fault.ResidualCurrentDc);
    }
}
