using ChargeController.Firmware.Handoff;

namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// The console's output: bytes from the control thread (the only producer) to the console thread (the only
    /// consumer), which sends them to the port. The producer stages bytes and publishes them in one step, so a reply
    /// part that does not fit can be taken back whole (see <see cref="ReplyWriter"/>).
    /// </summary>
    public sealed class ByteRing
    {
        private readonly byte[] _bytes;
        private readonly SpscPositions _positions;
        private int _staged;

        public ByteRing(int capacity)
        {
            _bytes = new byte[capacity];
            _positions = new SpscPositions(capacity);
        }

        public int Capacity => _bytes.Length;

        /// <summary>Published bytes not yet taken.</summary>
        public int Count => _positions.Count;

        /// <summary>Room for staging, control thread.</summary>
        public int Free => _positions.Free - _staged;

        /// <summary>Control thread: adds a byte after the staged ones, unpublished.</summary>
        /// <returns>false when full</returns>
        public bool Stage(byte value)
        {
            if (Free == 0)
                return false;
            _bytes[_positions.WriteSlot(_staged)] = value;
            _staged++;
            return true;
        }

        public int Staged => _staged;

        /// <summary>Control thread: takes back staged bytes down to <paramref name="staged"/>.</summary>
        public void Unstage(int staged) => _staged = staged;

        /// <summary>Control thread: makes the staged bytes visible to the console thread.</summary>
        public void Publish()
        {
            _positions.Publish(_staged);
            _staged = 0;
        }

        /// <summary>Console thread.</summary>
        /// <returns>how many bytes were copied</returns>
        public int Take(byte[] into, int offset, int count)
        {
            var available = Count;
            var n = available < count ? available : count;
            for (var i = 0; i < n; i++)
                into[offset + i] = _bytes[_positions.ReadSlot(i)];
            _positions.Release(n);
            return n;
        }
    }
}
