namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The last fault changes (raised or cleared, with when), for the console's `faults`: filled by the journal's pass at
    /// boot, then by the control thread as this boot's faults change. A fixed ring: the oldest change goes, nothing grows.
    /// </summary>
    public sealed class FaultLog
    {
        public const int Capacity = 16;

        private const int CodeBits = 8;
        private const int RaisedBit = 1 << CodeBits;

        /// <summary>Per change, one word: the boot's number above the raised bit above the code (a byte in a record).</summary>
        private readonly int[] _change = new int[Capacity];
        /// <summary>Per change: Unix seconds when the wall clock was known, else minus the seconds since its boot.</summary>
        private readonly long[] _when = new long[Capacity];
        private int _next;

        public int Count { get; private set; }
        /// <summary>This boot's number, which the changes it adds carry.</summary>
        public int CurrentBoot { get; set; }

        /// <param name="unixS">0 when the wall clock was not known</param>
        public void Add(int code, bool raised, long unixS, long uptimeMs, int boot)
        {
            _change[_next] = (boot << (CodeBits + 1)) | (raised ? RaisedBit : 0) | (code & (RaisedBit - 1));
            _when[_next] = unixS > 0 ? unixS : -(uptimeMs / 1000);
            _next = (_next + 1) % Capacity;
            if (Count < Capacity)
                Count++;
        }

        /// <param name="ago">0 for the latest change, 1 for the one before, ... below <see cref="Count"/></param>
        public int CodeOf(int ago) => _change[IndexOf(ago)] & (RaisedBit - 1);
        public bool RaisedOf(int ago) => (_change[IndexOf(ago)] & RaisedBit) != 0;
        public int BootOf(int ago) => _change[IndexOf(ago)] >> (CodeBits + 1);
        /// <summary>0 when the wall clock was not known (then <see cref="UptimeSOf"/> says when).</summary>
        public long UnixSOf(int ago) => _when[IndexOf(ago)] > 0 ? _when[IndexOf(ago)] : 0;
        public long UptimeSOf(int ago) => _when[IndexOf(ago)] > 0 ? 0 : -_when[IndexOf(ago)];

        private int IndexOf(int ago) => (_next - 1 - ago + 2 * Capacity) % Capacity;
    }
}
