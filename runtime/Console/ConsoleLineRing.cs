using ChargeController.Firmware.Handoff;

namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// Finished lines from the console thread (the only producer) to the control thread (the only consumer). Slots are
    /// preallocated and lines are copied in and out, so neither side holds a reference into the other's data; the
    /// positions are <see cref="SpscPositions"/>.
    /// </summary>
    public sealed class ConsoleLineRing
    {
        private readonly ConsoleLine[] _slots;
        private readonly SpscPositions _positions;

        public ConsoleLineRing(int capacity)
        {
            _slots = new ConsoleLine[capacity];
            for (var i = 0; i < capacity; i++)
                _slots[i] = new ConsoleLine();
            _positions = new SpscPositions(capacity);
        }

        public int Count => _positions.Count;

        /// <summary>Console thread.</summary>
        /// <returns>false when the ring is full (the line is not taken)</returns>
        public bool TryPut(ConsoleLine line)
        {
            if (_positions.Free == 0)
                return false;
            _slots[_positions.WriteSlot(0)].CopyFrom(line);
            _positions.Publish(1);
            return true;
        }

        /// <summary>Control thread.</summary>
        public bool TryTake(ConsoleLine into)
        {
            if (_positions.Empty)
                return false;
            into.CopyFrom(_slots[_positions.ReadSlot(0)]);
            _positions.Release(1);
            return true;
        }
    }
}
