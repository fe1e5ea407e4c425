using ChargeController.Firmware.Events;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The state of every fault: whether its condition holds, whether it is raised, latched, and how often it has retried.
    /// Monitors report conditions each tick; the book applies each fault's policy and appends fault events. Preallocated:
    /// a tick allocates nothing here.
    /// </summary>
    public sealed class FaultBook
    {
        public const int FaultCount = (int)Fault.StorageFull + 1;
        private readonly FaultPolicy[] _policies;
        private readonly EventRing _events;
        private readonly long _retryResetMs;
        private readonly bool[] _raised = new bool[FaultCount];
        private readonly bool[] _latched = new bool[FaultCount];
        private readonly int[] _retries = new int[FaultCount];
        private readonly long[] _conditionGoneAtMs = new long[FaultCount];
        private readonly long[] _clearSinceMs = new long[FaultCount];

        public FaultBook(FaultPolicy[] policies, EventRing events, long retryResetMs)
        {
            _policies = policies;
            _events = events;
            _retryResetMs = retryResetMs;
            for (var i = 0; i < FaultCount; i++)
                _conditionGoneAtMs[i] = -1;
        }

        public bool IsRaised(Fault fault) => _raised[(int)fault];
        public bool IsLatched(Fault fault) => _latched[(int)fault];
        public int RetriesOf(Fault fault) => _retries[(int)fault];

        /// <summary>
        /// At boot: what the journal says of a fault before the reboot. Retry counts survive; a latched fault stays latched
        /// (a power cycle must not clear what only a technician may), and is raised again with its event.
        /// </summary>
        public void Restore(Fault fault, bool latched, int retries, long nowMs)
        {
            var i = (int)fault;
            _retries[i] = retries;
            if (!latched)
                return;
            _raised[i] = true;
            _latched[i] = true;
            _conditionGoneAtMs[i] = -1;
            _events.Fault(nowMs, fault, true, true, retries);
        }

        /// <summary>Feeds this tick's condition of one fault.</summary>
        public void Report(Fault fault, bool condition, long nowMs)
        {
            var i = (int)fault;
            var policy = _policies[i];
            if (condition)
            {
                _conditionGoneAtMs[i] = -1;
                if (_raised[i])
                    return;
                _raised[i] = true;
                _latched[i] = policy.MaxRetries != FaultPolicy.Unlimited && _retries[i] >= policy.MaxRetries;
                _events.Fault(nowMs, fault, true, _latched[i], _retries[i]);
                return;
            }
            if (!_raised[i])
            {
                if (_retries[i] > 0 && nowMs - _clearSinceMs[i] >= _retryResetMs)
                    _retries[i] = 0;
                return;
            }
            if (_conditionGoneAtMs[i] < 0)
                _conditionGoneAtMs[i] = nowMs;
            if (!_latched[i] && nowMs - _conditionGoneAtMs[i] >= policy.RetryDelayMs)
            {
                _retries[i]++;
                Clear(i, nowMs);
            }
        }

        /// <summary>A technician or the platform clears latched faults whose condition has gone; retry counts restart.</summary>
        /// <returns>how many faults were cleared</returns>
        public int ClearLatched(long nowMs)
        {
            var cleared = 0;
            for (var i = 0; i < FaultCount; i++)
                if (ClearLatched((Fault)i, nowMs))
                    cleared++;
            return cleared;
        }

        /// <summary>Clears one fault (the platform's clear-fault command names it).</summary>
        /// <returns>false when it is not raised, or its condition still holds</returns>
        public bool ClearLatched(Fault fault, long nowMs)
        {
            var i = (int)fault;
            if (!_raised[i] || _conditionGoneAtMs[i] < 0)
                return false;
            _retries[i] = 0;
            Clear(i, nowMs);
            return true;
        }

        public bool Any(FaultAction action)
        {
            for (var i = 0; i < FaultCount; i++)
                if (_raised[i] && _policies[i].Action == action)
                    return true;
            return false;
        }

        /// <summary>A raised fault with this action whose policy ends the running session.</summary>
        public bool AnyEndingSession(FaultAction action)
        {
            for (var i = 0; i < FaultCount; i++)
                if (_raised[i] && _policies[i].EndsSession && _policies[i].Action == action)
                    return true;
            return false;
        }

        public bool IsEmergencyStop => _raised[(int)Fault.EmergencyStop];

        /// <summary>How many faults that stopped charging (trip or stop) have cleared, by retry or by a technician.</summary>
        public int ChargeStopsCleared { get; private set; }

        /// <summary>The OCPP error code to report: the first raised fault in severity order (trip, stop, warn), or NoError.</summary>
        public ErrorCode CurrentErrorCode()
        {
            var code = FirstRaised(FaultAction.Trip);
            if (code == ErrorCode.NoError)
                code = FirstRaised(FaultAction.Stop);
            if (code == ErrorCode.NoError)
                code = FirstRaised(FaultAction.Warn);
            return code;
        }

        private ErrorCode FirstRaised(FaultAction action)
        {
            for (var i = 0; i < FaultCount; i++)
                if (_raised[i] && _policies[i].Action == action)
                    return _policies[i].Code;
            return ErrorCode.NoError;
        }

        private void Clear(int i, long nowMs)
        {
            _raised[i] = false;
            _latched[i] = false;
            _conditionGoneAtMs[i] = -1;
            _clearSinceMs[i] = nowMs;
            if (_policies[i].Action != FaultAction.Warn)
                ChargeStopsCleared++;
            _events.Fault(nowMs, (Fault)i, false, false, _retries[i]);
        }
    }
}
