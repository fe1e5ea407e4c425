using System.Device.Gpio;
using ChargeController.Hal;

namespace ChargeController.Esp32.Inputs
{
    /// <summary>
    /// The e-stop's normally closed loop drives an optocoupler that pulls the input low; pressed, or a broken wire, lets the
    /// pull-up raise it. (The same button breaks the contactor coil in hardware; this input only tells the firmware.)
    /// </summary>
    public sealed class Esp32EmergencyStop : IEmergencyStop
    {
        private readonly GpioPin _loopClosedLow;

        public Esp32EmergencyStop(GpioPin loopClosedLow) => _loopClosedLow = loopClosedLow;

        public bool Pressed => _loopClosedLow.Read() == PinValue.High;
    }
}
