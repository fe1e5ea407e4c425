using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>The planned disconnect: the offline status said before leaving, so the broker keeps no will to publish.</summary>
    public sealed partial class LinkSupervisor
    {
        /// <summary>How long a planned disconnect waits for the broker to acknowledge the offline status.</summary>
        public const int LeaveWaitMs = 2000;
        /// <summary>The offline status a planned disconnect publishes, in flight under this id (0: not sent).</summary>
        private int _leaveId;
        private long _leaveSentMs;

        /// <summary>
        /// A planned disconnect (a planned reboot, the simulator's quit): the retained offline status first, as the will would
        /// say it were the connection lost, then, once the broker acknowledged it or after <see cref="LeaveWaitMs"/>, the
        /// disconnect (a clean one: the broker does not publish the will). Called instead of <see cref="RunOnce"/> from
        /// then on; nothing else is published.
        /// </summary>
        /// <returns>true once the pile is off the broker</returns>
        public bool Leave(long nowMs)
        {
            if (!_up)
                return true;
            if (_leaveId == 0)
            {
                if (FreeEntry() < 0 || _link.Publish(_topics.Status, _options.WillPayload, 0, _options.WillCount, LinkQos.AtLeastOnce, true, out var id) != LinkStatus.Ok)
                    return Disconnect(nowMs);
                Track(nowMs, id, StatusTopic, -1);
                Observe(nowMs, _topics.Status, _options.WillPayload, _options.WillCount, LinkQos.AtLeastOnce, true);
                _leaveId = id;
                _leaveSentMs = nowMs;
                return false;
            }
            Supervise(nowMs);
            if (_up && InFlight(_leaveId) && nowMs - _leaveSentMs < LeaveWaitMs)
                return false;
            return Disconnect(nowMs);
        }

        private bool Disconnect(long nowMs)
        {
            var wasUp = _up;
            if (wasUp)
                _link.Disconnect();
            _up = false;
            _leaveId = 0;
            Interlocked.Exchange(ref _linkState, 0);
            if (wasUp && _observer != null)
                _observer.LinkChanged(nowMs, false, "left");
            return true;
        }
    }
}
