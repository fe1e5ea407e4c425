using System.Device.Gpio;
using ChargeController.Hal;
using nanoFramework.Runtime.Native;

namespace ChargeController.Esp32.Outputs
{
    /// <summary>The external watchdog's input (every toggle is a kick) and a reboot through nanoFramework.Runtime.Native.</summary>
    public sealed class Esp32SupervisionOutputs : ISupervisionOutputs
    {
        private readonly GpioPin _watchdogInput;

        public Esp32SupervisionOutputs(GpioPin watchdogInput) => _watchdogInput = watchdogInput;

        public void KickWatchdog() => _watchdogInput.Toggle();

        public void Reboot() => Power.RebootDevice();
    }
}
