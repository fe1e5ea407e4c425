using System.Device.Gpio;
using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Esp32.Outputs
{
    /// <summary>
    /// The plug lock's motor on an H-bridge (A high: lock, B high: release) and its position switch, which pulls its input
    /// low while the lock is engaged. The motor is driven for one pulse per command and then left unpowered, as lock
    /// actuators want (a motor lock holds its position without power); whether it got there is the switch's to say.
    /// </summary>
    public sealed class Esp32ConnectorLock : IConnectorLock
    {
        /// <summary>Long enough for the actuator's full travel, short of heating a motor stalled at its end stop.</summary>
        public const int PulseMs = 600;

        private readonly GpioPin _driveLock;
        private readonly GpioPin _driveRelease;
        private readonly GpioPin _lockedLow;
        private readonly Timer _pulseEnd;

        public Esp32ConnectorLock(GpioPin driveLock, GpioPin driveRelease, GpioPin lockedLow)
        {
            _driveLock = driveLock;
            _driveRelease = driveRelease;
            _lockedLow = lockedLow;
            _pulseEnd = new Timer(StopMotor, null, Timeout.Infinite, Timeout.Infinite);
            StopMotor(null);
        }

        public void Command(bool locked)
        {
            _driveRelease.Write(PinValue.Low); // never both legs high: that brakes, or shoots through a cheap bridge
            _driveLock.Write(PinValue.Low);
            (locked ? _driveLock : _driveRelease).Write(PinValue.High);
            _pulseEnd.Change(PulseMs, Timeout.Infinite);
        }

        public bool FeedbackLocked => _lockedLow.Read() == PinValue.Low;

        private void StopMotor(object state)
        {
            _driveLock.Write(PinValue.Low);
            _driveRelease.Write(PinValue.Low);
        }
    }
}
