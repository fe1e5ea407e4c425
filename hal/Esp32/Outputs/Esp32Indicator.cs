using System.Device.Gpio;
using ChargeController.Hal;

namespace ChargeController.Esp32.Outputs
{
    /// <summary>
    /// A red/green LED pair (high = lit): green standby, amber (both) while a vehicle is connected or charging, red on a
    /// fault, dark when unavailable. GB/T asks for standby, charging and fault at least.
    /// </summary>
    public sealed class Esp32Indicator : IIndicator
    {
        private readonly GpioPin _red;
        private readonly GpioPin _green;

        public Esp32Indicator(GpioPin red, GpioPin green)
        {
            _red = red;
            _green = green;
        }

        public void Show(IndicatorPattern pattern)
        {
            var vehicle = pattern == IndicatorPattern.Connected || pattern == IndicatorPattern.Charging || pattern == IndicatorPattern.Suspended;
            _red.Write(vehicle || pattern == IndicatorPattern.Fault);
            _green.Write(vehicle || pattern == IndicatorPattern.Standby);
        }
    }
}
