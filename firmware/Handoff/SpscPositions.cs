using System.Threading;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// The two positions of a single-producer/single-consumer ring over preallocated slots that its owner keeps. The
    /// producer alone moves the write position, the consumer alone the read position, each published with Interlocked
    /// (a word: never read torn on the ESP32). Positions run over twice the capacity, so a full ring and an empty one
    /// differ without a shared count. The producer fills a slot before it publishes it; the consumer copies a slot out
    /// before it releases it; so neither ever sees a slot the other is working on.
    /// </summary>
    public sealed class SpscPositions
    {
        private readonly int _capacity;
        private int _written;
        private int _read;

        public SpscPositions(int capacity)
        {
            _capacity = capacity;
        }

        public int Capacity => _capacity;

        /// <summary>Published and not yet released (either side may ask).</summary>
        public int Count
        {
            get
            {
                var count = Interlocked.CompareExchange(ref _written, 0, 0) - Interlocked.CompareExchange(ref _read, 0, 0);
                return count < 0 ? count + 2 * _capacity : count;
            }
        }

        /// <summary>Slots the producer may still fill.</summary>
        public int Free => _capacity - Count;

        /// <summary>Producer: the slot <paramref name="ahead"/> places after the next one to fill.</summary>
        public int WriteSlot(int ahead) => SlotOf(Advance(_written, ahead));

        /// <summary>Producer: hands the next <paramref name="count"/> filled slots to the consumer.</summary>
        public void Publish(int count) => Interlocked.Exchange(ref _written, Advance(_written, count));

        /// <summary>Consumer: nothing published is waiting.</summary>
        public bool Empty => Interlocked.CompareExchange(ref _written, 0, 0) == _read;

        /// <summary>Consumer: the slot <paramref name="ahead"/> places after the oldest published one.</summary>
        public int ReadSlot(int ahead) => SlotOf(Advance(_read, ahead));

        /// <summary>Consumer: frees the oldest <paramref name="count"/> slots for the producer.</summary>
        public void Release(int count) => Interlocked.Exchange(ref _read, Advance(_read, count));

        private int SlotOf(int position) => position < _capacity ? position : position - _capacity;

        /// <param name="count">at most the capacity</param>
        private int Advance(int position, int count)
        {
            var next = position + count;
            return next >= 2 * _capacity ? next - 2 * _capacity : next;
        }
    }
}
