using ChargeController.Hal;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Drives a socket's plug lock and watches its position switch. It locks while the pile wants the plug held, and
    /// releases only when it no longer does and releasing is safe (contactor open, no current). A lock that has not
    /// engaged, or not released, <c>lock.timeoutMs</c> after its command is a fault; while the engage fault is raised the
    /// lock stops trying, so the fault's retry tries it afresh.
    ///
    /// Until this boot has commanded the lock, its position is not judged: a release (or engage) the last run commanded
    /// may still be completing across the boot, and the lock follows its switch until the pile first wants it moved.
    /// </summary>
    public sealed class ConnectorLock
    {
        private readonly IConnectorLock _actuator;
        private readonly int _timeoutMs;
        private bool _commanded;
        private bool _commandedThisBoot;
        private long _commandedAtMs;

        public ConnectorLock(IConnectorLock actuator, int timeoutMs)
        {
            _actuator = actuator;
            _timeoutMs = timeoutMs;
            // A motor lock keeps its position through a power cut: start from where it is, and release it from there.
            Locked = actuator.FeedbackLocked;
        }

        /// <summary>The position switch says locked (as of the last update).</summary>
        public bool Locked { get; private set; }

        /// <summary>The position changed on the last update.</summary>
        public bool Moved { get; private set; }

        public bool EngageFailed { get; private set; }
        public bool ReleaseFailed { get; private set; }

        /// <param name="hold">the pile wants the plug held (plugged and charging wanted, or the contactor closed)</param>
        /// <param name="mayRelease">the contactor is open and no current flows</param>
        /// <param name="engageFaulted">the engage fault is raised: stop trying until it clears</param>
        public void Update(bool hold, bool mayRelease, bool engageFaulted, long nowMs)
        {
            var locked = _actuator.FeedbackLocked;
            if (!_commandedThisBoot)
                _commanded = locked;
            var command = _commanded;
            if (hold && !engageFaulted)
                command = true;
            else if (mayRelease)
                command = false;
            if (command != _commanded)
            {
                _commanded = command;
                _commandedThisBoot = true;
                _commandedAtMs = nowMs;
                _actuator.Command(command);
            }
            Moved = locked != Locked;
            Locked = locked;
            var late = nowMs - _commandedAtMs >= _timeoutMs;
            EngageFailed = late && _commanded && !locked;
            ReleaseFailed = late && !_commanded && locked;
        }
    }
}
