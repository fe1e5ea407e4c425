using System.Threading;

namespace ChargeController.Runtime
{
    /// <summary>
    /// Every thread's heartbeat and death, for the supervisor thread (docs/supervision.md). Each <see cref="PeriodicThread"/>
    /// takes a slot before it starts, beats after each wake-up's work, and marks its slot failed when its work throws (the
    /// thread then ends). The supervisor thread looks every 10 ms: a failed thread, or one whose beat has not moved for
    /// longer than its limit (counted in the supervisor's own looks, <see cref="Firmware.Supervision.StallCredit"/>), is handled by its policy (<see cref="SupervisorWork"/>). Beats and failures are ints written
    /// and read with Interlocked; a slot's name and limit are set before the threads start.
    /// </summary>
    public sealed class ThreadWatch
    {
        private readonly string[] _names;
        private readonly int[] _stallLimitsMs;
        private readonly int[] _beats;
        private readonly int[] _failed;
        private readonly int[] _seenBeats;
        private readonly int[] _stalledMs;
        private readonly Firmware.Supervision.StallCredit _credit = new Firmware.Supervision.StallCredit();
        private int _count;

        public ThreadWatch(int capacity)
        {
            _names = Firmware.Text.Strings.Filled(new string[capacity]);
            _stallLimitsMs = new int[capacity];
            _beats = new int[capacity];
            _failed = new int[capacity];
            _seenBeats = new int[capacity];
            _stalledMs = new int[capacity];
        }

        public int Count => Interlocked.CompareExchange(ref _count, 0, 0);

        /// <summary>Before the threads start: a slot for a thread that beats at least every <paramref name="stallLimitMs"/>.</summary>
        public int Register(string name, int stallLimitMs)
        {
            var slot = Count;
            _names[slot] = name;
            _stallLimitsMs[slot] = stallLimitMs;
            _seenBeats[slot] = -1;
            Interlocked.Increment(ref _count);
            return slot;
        }

        public string NameOf(int slot) => _names[slot];

        /// <summary>The thread's own: one wake-up's work is done.</summary>
        public void Beat(int slot) => Interlocked.Increment(ref _beats[slot]);

        /// <summary>The thread's own: its work threw, the thread ends.</summary>
        public void Fail(int slot) => Interlocked.Exchange(ref _failed[slot], 1);

        /// <summary>Supervisor thread: the first thread that died or stalled, or -1; <paramref name="stalledMs"/> since its last beat.</summary>
        public int Check(long nowMs, out int stalledMs)
        {
            stalledMs = 0;
            var count = Count;
            var creditMs = _credit.Next(nowMs); // the supervisor's own time: a runtime that stood still stalls nobody
            for (var slot = 0; slot < count; slot++)
            {
                var beats = Interlocked.CompareExchange(ref _beats[slot], 0, 0);
                if (beats != _seenBeats[slot])
                {
                    _seenBeats[slot] = beats;
                    _stalledMs[slot] = 0;
                }
                else
                    _stalledMs[slot] += creditMs;
                stalledMs = _stalledMs[slot];
                if (Interlocked.CompareExchange(ref _failed[slot], 0, 0) != 0 || stalledMs > _stallLimitsMs[slot])
                    return slot;
            }
            stalledMs = 0;
            return -1;
        }
    }
}
