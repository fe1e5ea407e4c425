using ChargeController.Firmware.Events;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The state of every fault: whether its condition holds, whether it is raised, latched, and how often it has retried.
    /// Monitors report conditions each tick; the book applies each fault's policy and appends fault events. Preallocated:
    /// a tick allocates nothing here. The policies are kept as columns, not as the <see cref="FaultPolicy"/> objects they
    /// come in: on nanoFramework's interpreter an object costs 12 bytes a field, so 22 policies took 2.7 KB there. Which
    /// faults are raised and latched are bit masks, as are the faults of each action: the questions the core asks every
    /// tick (any trip? the error code to show?) are a mask test, not a scan of every fault.
    /// </summary>
    public sealed class FaultBook
    {
        public const int FaultCount = (int)Fault.SiteMetersSwapped + 1;
        /// <summary>One bit a fault, in an int: at most 32 faults.</summary>
        public const int MaxFaults = 32;
        /// <summary>The faults of each <see cref="FaultAction"/> (trip, stop, warn), as masks.</summary>
        private readonly int[] _actionMask = new int[3];
        private readonly int _endsSessionMask;
        private readonly int[] _retryDelayMs = new int[FaultCount];
        private readonly int[] _maxRetries = new int[FaultCount];
        private readonly EventRing _events;
        private readonly long _retryResetMs;
        private int _raised;
        private int _latched;
        private readonly int[] _retries = new int[FaultCount];
        private readonly long[] _conditionGoneAtMs = new long[FaultCount];
        private readonly long[] _clearSinceMs = new long[FaultCount];

        public FaultBook(FaultPolicy[] policies, EventRing events, long retryResetMs)
        {
            if (FaultCount > MaxFaults)
                throw new System.InvalidOperationException("fault masks hold 32 faults");
            if (policies.Length != FaultCount)
                throw new System.ArgumentException("one policy a fault");
            for (var i = 0; i < FaultCount; i++)
            {
                if ((int)policies[i].Fault != i)
                    throw new System.ArgumentException("policies in fault order");
                _actionMask[(int)policies[i].Action] |= 1 << i;
                if (policies[i].EndsSession)
                    _endsSessionMask |= 1 << i;
                _retryDelayMs[i] = policies[i].RetryDelayMs;
                _maxRetries[i] = policies[i].MaxRetries;
            }
            _events = events;
            _retryResetMs = retryResetMs;
            for (var i = 0; i < FaultCount; i++)
                _conditionGoneAtMs[i] = -1;
        }

        public bool IsRaised(Fault fault) => (_raised & Bit(fault)) != 0;
        public bool IsLatched(Fault fault) => (_latched & Bit(fault)) != 0;
        /// <summary>The raised faults, bit <c>(int)fault</c> each.</summary>
        public int RaisedMask => _raised;
        /// <summary>The latched faults, bit <c>(int)fault</c> each.</summary>
        public int LatchedMask => _latched;
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
            _raised |= 1 << i;
            _latched |= 1 << i;
            _conditionGoneAtMs[i] = -1;
            _events.Fault(nowMs, fault, true, true, retries);
        }

        /// <summary>Feeds this tick's condition of one fault.</summary>
        public void Report(Fault fault, bool condition, long nowMs)
        {
            var i = (int)fault;
            if (condition)
            {
                _conditionGoneAtMs[i] = -1;
                if ((_raised & 1 << i) != 0)
                    return;
                _raised |= 1 << i;
                var latched = _maxRetries[i] != FaultPolicy.Unlimited && _retries[i] >= _maxRetries[i];
                if (latched)
                    _latched |= 1 << i;
                _events.Fault(nowMs, fault, true, latched, _retries[i]);
                return;
            }
            if ((_raised & 1 << i) == 0)
            {
                if (_retries[i] > 0 && nowMs - _clearSinceMs[i] >= _retryResetMs)
                    _retries[i] = 0;
                return;
            }
            if (_conditionGoneAtMs[i] < 0)
                _conditionGoneAtMs[i] = nowMs;
            if ((_latched & 1 << i) == 0 && nowMs - _conditionGoneAtMs[i] >= _retryDelayMs[i])
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
            if ((_raised & 1 << i) == 0 || _conditionGoneAtMs[i] < 0)
                return false;
            _retries[i] = 0;
            Clear(i, nowMs);
            return true;
        }

        public bool Any(FaultAction action) => (_raised & _actionMask[(int)action]) != 0;

        /// <summary>A raised fault with this action whose policy ends the running session.</summary>
        public bool AnyEndingSession(FaultAction action) => (_raised & _endsSessionMask & _actionMask[(int)action]) != 0;

        public bool IsEmergencyStop => IsRaised(Fault.EmergencyStop);

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
            var raised = (uint)(_raised & _actionMask[(int)action]);
            for (var i = 0; raised != 0; i++, raised >>= 1)
                if ((raised & 1) != 0)
                    return FaultPolicies.CodeOf((Fault)i);
            return ErrorCode.NoError;
        }

        private static int Bit(Fault fault) => 1 << (int)fault;

        private void Clear(int i, long nowMs)
        {
            _raised &= ~(1 << i);
            _latched &= ~(1 << i);
            _conditionGoneAtMs[i] = -1;
            _clearSinceMs[i] = nowMs;
            if ((_actionMask[(int)FaultAction.Warn] & 1 << i) == 0)
                ChargeStopsCleared++;
            _events.Fault(nowMs, (Fault)i, false, false, _retries[i]);
        }
    }
}
