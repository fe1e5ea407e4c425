using ChargeController.Firmware.Handoff;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// A bounded single-producer/single-consumer ring of whole byte messages in preallocated slots, on
    /// <see cref="SpscPositions"/> like the event ring: a slot is filled completely before it is published and reused
    /// only after the consumer has released it.
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
        private readonly SpscPositions _positions;

        public MessageRing(int capacity, int slotBytes)
        {
            _slots = new byte[capacity][];
            for (var i = 0; i < capacity; i++)
                _slots[i] = new byte[slotBytes];
            _lengths = new int[capacity];
            _oversized = new bool[capacity];
            _receivedMs = new long[capacity];
            _positions = new SpscPositions(capacity);
        }

        public int Capacity => _slots.Length;
        public int SlotBytes => _slots[0].Length;

        /// <summary>Producer: copies the message in; false when the ring is full (the sender answers "busy").</summary>
        public bool TryPost(byte[] message, int offset, int count, long receivedMs)
        {
            if (_positions.Free == 0)
                return false;
            var slot = _positions.WriteSlot(0);
            var fits = count <= _slots[slot].Length;
            if (fits)
                System.Array.Copy(message, offset, _slots[slot], 0, count);
            _lengths[slot] = fits ? count : 0;
            _oversized[slot] = !fits;
            _receivedMs[slot] = receivedMs;
            _positions.Publish(1);
            return true;
        }

        /// <summary>Producer: the free slot to fill in place (then <see cref="Post"/>), or -1 when the ring is full.</summary>
        public int FreeSlot() => _positions.Free == 0 ? -1 : _positions.WriteSlot(0);

        /// <summary>Producer: publishes the slot <see cref="FreeSlot"/> gave, filled in place with <paramref name="count"/> bytes.</summary>
        public void Post(int count, long receivedMs)
        {
            var slot = _positions.WriteSlot(0);
            _lengths[slot] = count;
            _oversized[slot] = false;
            _receivedMs[slot] = receivedMs;
            _positions.Publish(1);
        }

        /// <summary>Consumer: the oldest message's slot, left in place until <see cref="Release"/>; -1 when empty.</summary>
        public int Peek() => _positions.Empty ? -1 : _positions.ReadSlot(0);

        /// <summary>Consumer: the slot <paramref name="ahead"/> places after the oldest, left in place; -1 when there are not that many.</summary>
        public int Peek(int ahead) => ahead < _positions.Count ? _positions.ReadSlot(ahead) : -1;

        public byte[] Payload(int slot) => _slots[slot];
        public int Length(int slot) => _lengths[slot];
        public bool Oversized(int slot) => _oversized[slot];
        public long ReceivedMs(int slot) => _receivedMs[slot];

        /// <summary>Consumer: frees the oldest slot for the producer.</summary>
        public void Release() => _positions.Release(1);

        public int Count => _positions.Count;
    }
}
