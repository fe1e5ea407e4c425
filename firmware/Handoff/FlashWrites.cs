using System.Threading;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// The flash writes the control thread hands to the storage thread (the platform's config set and tables, the
    /// console's config set and its access record), so the tick never waits for flash. A bounded single-producer/
    /// single-consumer queue of <see cref="IFlashWrite"/> references on <see cref="SpscPositions"/>: nothing is copied,
    /// the requester owns what is written and leaves it untouched until its write is <see cref="Done"/>. Each post gets a
    /// ticket (1, 2, ...); the storage thread carries the writes out in ticket order and publishes how many it has done
    /// and whether each held (one word each, Interlocked), so the control thread learns each outcome without waiting. No
    /// lock, nothing allocated after construction.
    /// </summary>
    public sealed class FlashWrites
    {
        /// <summary>
        /// Outcomes kept, one bit a ticket: far more than the writes other requesters (one in flight each) can post
        /// between a write's end and its requester's next pass, so every requester finds its own.
        /// </summary>
        public const int OutcomesKept = 32;

        private readonly IFlashWrite[] _writes;
        private readonly SpscPositions _positions;
        private int _posted;
        private int _done;
        private int _outcomes;

        public FlashWrites(int capacity)
        {
            _writes = new IFlashWrite[capacity];
            _positions = new SpscPositions(capacity);
        }

        public int Capacity => _writes.Length;

        /// <summary>Control thread: queues <paramref name="write"/> behind the writes already queued.</summary>
        /// <returns>its ticket (1, 2, ...), or 0 when every slot is taken (nothing queued)</returns>
        public int TryPost(IFlashWrite write)
        {
            if (_positions.Free == 0)
                return 0;
            _writes[_positions.WriteSlot(0)] = write;
            _positions.Publish(1);
            return ++_posted;
        }

        /// <summary>Control thread: the storage thread has carried out the write of <paramref name="ticket"/> (0: none).</summary>
        public bool Done(int ticket) => ticket > 0 && Interlocked.CompareExchange(ref _done, 0, 0) >= ticket;

        /// <summary>
        /// Control thread: the write of <paramref name="ticket"/> is done and held. Asked more than
        /// <see cref="OutcomesKept"/> posts later, the answer is false: never another write's outcome.
        /// </summary>
        public bool Succeeded(int ticket) =>
            Done(ticket) && _posted - ticket < OutcomesKept &&
            (Interlocked.CompareExchange(ref _outcomes, 0, 0) & (1 << (ticket % OutcomesKept))) != 0;

        /// <summary>Storage thread: carries out every queued write, oldest first.</summary>
        public void Run()
        {
            while (!_positions.Empty)
            {
                var ticket = _done + 1;
                var bit = 1 << (ticket % OutcomesKept);
                var held = _writes[_positions.ReadSlot(0)].Write();
                Interlocked.Exchange(ref _outcomes, held ? _outcomes | bit : _outcomes & ~bit);
                Interlocked.Exchange(ref _done, ticket);
                _positions.Release(1);
            }
        }
    }
}
