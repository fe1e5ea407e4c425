using System.Device.Gpio;
using ChargeController.Hal;

namespace ChargeController.Esp32.Outputs
{
    /// <summary>
    /// The contactor coil driver (high = energise; the coil current also runs through the e-stop and the RDC-DD relay) and
    /// the auxiliary contact, whose optocoupler pulls its input low while the main contacts are closed.
    /// </summary>
    public sealed class Esp32Contactor : IContactor
    {
        private readonly GpioPin _coil;
        private readonly GpioPin _auxClosedLow;

        public Esp32Contactor(GpioPin coil, GpioPin auxClosedLow)
        {
            _coil = coil;
            _auxClosedLow = auxClosedLow;
            _coil.Write(PinValue.Low);
        }

        public void Command(bool closed) => _coil.Write(closed);

        public bool FeedbackClosed => _auxClosedLow.Read() == PinValue.Low;
    }
}
