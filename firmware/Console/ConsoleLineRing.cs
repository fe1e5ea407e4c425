using System.Threading;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// Finished lines from the console thread (the only producer) to the control thread (the only consumer). Slots are
    /// preallocated and lines are copied in and out, so neither side holds a reference into the other's data. Each
    /// index is written by one side only and published after the slot is filled.
    /// </summary>
    public sealed class ConsoleLineRing
    {
        private readonly ConsoleLine[] _slots;
        private int _head;
        private int _tail;

        public ConsoleLineRing(int capacity)
        {
            _slots = new ConsoleLine[capacity];
            for (var i = 0; i < capacity; i++)
                _slots[i] = new ConsoleLine();
        }

        public int Count => (_tail - _head + 2 * _slots.Length) % (2 * _slots.Length);

        /// <summary>Console thread.</summary>
        /// <returns>false when the ring is full (the line is not taken)</returns>
        public bool TryPut(ConsoleLine line)
        {
            var tail = _tail;
            if (Count == _slots.Length)
                return false;
            _slots[tail % _slots.Length].CopyFrom(line);
            Interlocked.Exchange(ref _tail, (tail + 1) % (2 * _slots.Length));
            return true;
        }

        /// <summary>Control thread.</summary>
        public bool TryTake(ConsoleLine into)
        {
            var head = _head;
            if (Count == 0)
                return false;
            into.CopyFrom(_slots[head % _slots.Length]);
            Interlocked.Exchange(ref _head, (head + 1) % (2 * _slots.Length));
            return true;
        }
    }
}
