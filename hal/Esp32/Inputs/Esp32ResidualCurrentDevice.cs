using System.Device.Gpio;
using ChargeController.Hal;

namespace ChargeController.Esp32.Inputs
{
    /// <summary>
    /// The RDC-DD module's two open-collector trip outputs (low = tripped) and its test input (high = inject the test
    /// current). The module opens the contactor coil by itself; these lines let the firmware see and test it.
    /// </summary>
    public sealed class Esp32ResidualCurrentDevice : IResidualCurrentDevice
    {
        private readonly GpioPin _acTripLow;
        private readonly GpioPin _dcTripLow;
        private readonly GpioPin _test;

        public Esp32ResidualCurrentDevice(GpioPin acTripLow, GpioPin dcTripLow, GpioPin test)
        {
            _acTripLow = acTripLow;
            _dcTripLow = dcTripLow;
            _test = test;
            _test.Write(PinValue.Low);
        }

        public bool AcTripped => _acTripLow.Read() == PinValue.Low;

        public bool DcTripped => _dcTripLow.Read() == PinValue.Low;

        public void SetTestCurrent(bool active) => _test.Write(active);
    }
}
