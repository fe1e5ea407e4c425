using System.Threading;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// A 64-bit time one thread writes and another reads. A long is two words on the ESP32 and may be read half old, half
    /// new; here it is kept as its two halves, each an int published with Interlocked, under a version that is odd while
    /// the writer changes them. The reader takes the halves again when the version moved; the writer never waits.
    /// </summary>
    public sealed class SharedTime
    {
        private int _version;
        private int _high;
        private int _low;

        public SharedTime(long initialMs)
        {
            Write(initialMs);
        }

        /// <summary>The one writer.</summary>
        public void Write(long ms)
        {
            Interlocked.Increment(ref _version);
            Interlocked.Exchange(ref _high, (int)(ms >> 32));
            Interlocked.Exchange(ref _low, (int)ms);
            Interlocked.Increment(ref _version);
        }

        /// <summary>Any thread: the last value written whole.</summary>
        public long Read()
        {
            while (true)
            {
                var before = Interlocked.CompareExchange(ref _version, 0, 0);
                var high = Interlocked.CompareExchange(ref _high, 0, 0);
                var low = Interlocked.CompareExchange(ref _low, 0, 0);
                if ((before & 1) == 0 && Interlocked.CompareExchange(ref _version, 0, 0) == before)
                    return ((long)high << 32) | (uint)low;
            }
        }
    }
}
