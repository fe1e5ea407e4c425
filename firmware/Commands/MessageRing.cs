using System.Threading;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// A bounded single-producer/single-consumer ring of whole byte messages in preallocated slots, like the event
    /// ring: the producer alone writes the write position, the consumer alone the read position, each published with
    /// Interlocked (positions run over twice the capacity, so full and empty differ without a shared count). A slot is
    /// filled completely before it is published and reused only after the consumer has released it.
    /// Two of them join the network thread and the control thread: commands in (the mailbox), results out.
    ///
    /// A message longer than a slot is not cut: its slot carries no bytes and <see cref="Oversized"/>, so the consumer
    /// can still answer it.
    /// </summary>
    public sealed class MessageRing
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly bool[] _oversized;
        private readonly long[] _receivedMs;
        private int _written;
        private int _read;

        public MessageRing(int capacity, int slotBytes)
        {
            _slots = new byte[capacity][];
            for (var i = 0; i < capacity; i++)
                _slots[i] = new byte[slotBytes];
            _lengths = new int[capacity];
            _oversized = new bool[capacity];
            _receivedMs = new long[capacity];
        }

        public int Capacity => _slots.Length;
        public int SlotBytes => _slots[0].Length;

        /// <summary>Producer: copies the message in; false when the ring is full (the sender answers "busy").</summary>
        public bool TryPost(byte[] message, int offset, int count, long receivedMs)
        {
            var written = _written;
            var read = Interlocked.CompareExchange(ref _read, 0, 0);
            if (Distance(read, written) == _slots.Length)
                return false;
            var slot = SlotOf(written);
            var fits = count <= _slots[slot].Length;
            if (fits)
                System.Array.Copy(message, offset, _slots[slot], 0, count);
            _lengths[slot] = fits ? count : 0;
            _oversized[slot] = !fits;
            _receivedMs[slot] = receivedMs;
            Interlocked.Exchange(ref _written, Next(written));
            return true;
        }

        /// <summary>Consumer: the oldest message's slot, left in place until <see cref="Release"/>; -1 when empty.</summary>
        public int Peek()
        {
            var read = _read;
            return Interlocked.CompareExchange(ref _written, 0, 0) == read ? -1 : SlotOf(read);
        }

        public byte[] Payload(int slot) => _slots[slot];
        public int Length(int slot) => _lengths[slot];
        public bool Oversized(int slot) => _oversized[slot];
        public long ReceivedMs(int slot) => _receivedMs[slot];

        /// <summary>Consumer: frees the oldest slot for the producer.</summary>
        public void Release() => Interlocked.Exchange(ref _read, Next(_read));

        public int Count => Distance(Interlocked.CompareExchange(ref _read, 0, 0), Interlocked.CompareExchange(ref _written, 0, 0));

        private int Distance(int read, int written)
        {
            var count = written - read;
            return count < 0 ? count + 2 * _slots.Length : count;
        }

        private int SlotOf(int position) => position < _slots.Length ? position : position - _slots.Length;

        private int Next(int position) => position + 1 == 2 * _slots.Length ? 0 : position + 1;
    }
}
