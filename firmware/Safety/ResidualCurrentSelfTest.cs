using ChargeController.Hal;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Proves the residual-current device works: inject the test current, expect a trip, release, expect the trip to go.
    /// Runs at power-up, after every plug-in and between sessions (<see cref="SelfTestSchedule"/>), always with the contactor
    /// open; a session's contactor may not close until it has passed since the plug went in or the last session ended.
    /// </summary>
    public sealed class ResidualCurrentSelfTest
    {
        /// <summary>An RDC-DD trips on its test current within tens of milliseconds; this allows for a slow module.</summary>
        public const int StepTimeoutMs = 500;

        private enum Phase { Idle, Injecting, Releasing }

        private readonly IResidualCurrentDevice _device;
        private Phase _phase = Phase.Idle;
        private long _phaseSinceMs;

        public ResidualCurrentSelfTest(IResidualCurrentDevice device)
        {
            _device = device;
        }

        public bool Busy => _phase != Phase.Idle;
        public bool Passed { get; private set; }

        /// <summary>How many tests have finished, passed or failed.</summary>
        public int Finished { get; private set; }

        /// <summary>Set for exactly the tick on which a test failed.</summary>
        public bool FailedNow { get; private set; }

        /// <summary>Forget the last result: a new plug-in needs a new test.</summary>
        public void Invalidate()
        {
            Passed = false;
        }

        public void Start(long nowMs)
        {
            Passed = false;
            _device.SetTestCurrent(true);
            _phase = Phase.Injecting;
            _phaseSinceMs = nowMs;
        }

        public void Update(long nowMs)
        {
            FailedNow = false;
            var tripped = _device.AcTripped || _device.DcTripped;
            if (_phase == Phase.Injecting)
            {
                if (tripped)
                {
                    _device.SetTestCurrent(false);
                    _phase = Phase.Releasing;
                    _phaseSinceMs = nowMs;
                }
                else if (nowMs - _phaseSinceMs >= StepTimeoutMs)
                {
                    Finish(false);
                }
            }
            else if (_phase == Phase.Releasing)
            {
                if (!tripped)
                    Finish(true);
                else if (nowMs - _phaseSinceMs >= StepTimeoutMs)
                    Finish(false);
            }
        }

        private void Finish(bool passed)
        {
            _device.SetTestCurrent(false);
            _phase = Phase.Idle;
            Passed = passed;
            FailedNow = !passed;
            Finished++;
        }
    }
}
