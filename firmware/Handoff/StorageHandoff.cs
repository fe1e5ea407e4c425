using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// Flash writes the control thread wants done (a console config change, the console's access record), carried out by
    /// the storage thread so the tick never waits for flash. Bounded and preallocated: each slot holds the bytes to write
    /// and the <see cref="IStorageWrite"/> that knows where they go; the control thread copies in, the storage thread
    /// writes and records whether the write held. A hand-over gets a ticket; <see cref="Done"/> and <see cref="Succeeded"/>
    /// tell the control thread how it went without waiting.
    /// </summary>
    public sealed class StorageHandoff
    {
        private readonly IStorageWrite[] _writers;
        private readonly byte[][] _data;
        private readonly int[] _counts;
        private readonly bool[] _succeeded;
        private readonly SpscPositions _positions;
        private int _handed;
        private int _done;

        public StorageHandoff(int capacity, int maxBytes)
        {
            _writers = new IStorageWrite[capacity];
            _data = new byte[capacity][];
            for (var i = 0; i < capacity; i++)
                _data[i] = new byte[maxBytes];
            _counts = new int[capacity];
            _succeeded = new bool[capacity];
            _positions = new SpscPositions(capacity);
        }

        public int MaxBytes => _data[0].Length;

        /// <summary>Control thread: queues a write of <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
        /// <returns>its ticket (1, 2, ...), or 0 when every slot is taken or the bytes do not fit (nothing queued)</returns>
        public int TryHand(IStorageWrite writer, byte[] data, int count)
        {
            if (_positions.Free == 0 || count > MaxBytes)
                return 0;
            var slot = _positions.WriteSlot(0);
            _writers[slot] = writer;
            System.Array.Copy(data, _data[slot], count);
            _counts[slot] = count;
            _positions.Publish(1);
            return ++_handed;
        }

        /// <summary>Control thread: the write of <paramref name="ticket"/> has been carried out.</summary>
        public bool Done(int ticket) => Interlocked.CompareExchange(ref _done, 0, 0) >= ticket;

        /// <summary>Control thread, once <see cref="Done"/>: whether that write held (read before more writes are handed).</summary>
        public bool Succeeded(int ticket) => _succeeded[(ticket - 1) % _succeeded.Length];

        /// <summary>Storage thread: carries out every queued write.</summary>
        public void Run(IFileStore store)
        {
            while (!_positions.Empty)
            {
                var slot = _positions.ReadSlot(0);
                _succeeded[slot] = _writers[slot].Write(store, _data[slot], _counts[slot]);
                Interlocked.Increment(ref _done);
                _positions.Release(1);
            }
        }
    }
}
