using System.Threading;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Link;

namespace ChargeController.Runtime
{
    /// <summary>
    /// What commands ask of the runtime, raised on the control thread as single words: a reboot is wound down by the
    /// control thread and carried out by the supervisor thread (it marks the boot state on flash first), a trigger by the
    /// network thread (it publishes).
    /// </summary>
    internal sealed class CommandHost : ICommandHost, ITriggerRequests
    {
        private int _reboot;
        private int _status;
        private int _telemetry;

        public void Reboot() => Interlocked.Exchange(ref _reboot, 1);

        public void Trigger(bool telemetry)
        {
            if (telemetry)
                Interlocked.Exchange(ref _telemetry, 1);
            else
                Interlocked.Exchange(ref _status, 1);
        }

        /// <summary>Control thread: a reboot was asked for (once).</summary>
        public bool TakeReboot() => Interlocked.Exchange(ref _reboot, 0) != 0;

        /// <summary>Network thread: the status is to be published now (once).</summary>
        public bool TakeStatus() => Interlocked.Exchange(ref _status, 0) != 0;

        /// <summary>Network thread: a telemetry message is to be published now (once).</summary>
        public bool TakeTelemetry() => Interlocked.Exchange(ref _telemetry, 0) != 0;
    }
}
