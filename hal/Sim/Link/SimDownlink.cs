using ChargeController.Hal;

namespace ChargeController.Sim.Link
{
    /// <summary>
    /// Messages the platform publishes to the pile on the simulated link, in transit: each arrives
    /// <see cref="SimBrokerLink.LatencyMs"/> after it was sent and, with a <see cref="BytesPerS"/> limit (a weak 4G link),
    /// only once the bytes sent before it have passed at that rate. A connection's end loses what is in transit. Slots
    /// are preallocated; sending allocates nothing.
    /// </summary>
    public sealed class SimDownlink
    {
        public const int Capacity = 8;

        private readonly SimMessage[] _slots;
        private int _head;
        private int _count;
        private long _lineFreeAtMs;

        public SimDownlink(int maxPayloadBytes)
        {
            _slots = new SimMessage[Capacity];
            for (var i = 0; i < Capacity; i++)
                _slots[i] = new SimMessage(maxPayloadBytes);
        }

        /// <summary>The link's downstream rate in bytes a second (payloads only); 0 for no limit.</summary>
        public int BytesPerS { get; set; }
        public int Count => _count;

        /// <returns>false when the transit is full or the payload too large (the message is lost, as QoS 0 on a congested link)</returns>
        public bool Send(string topic, byte[] payload, int count, long nowMs, int latencyMs)
        {
            if (_count == Capacity)
                return false;
            var slot = _slots[(_head + _count) % Capacity];
            if (!slot.Set(topic, payload, 0, count, LinkQos.AtLeastOnce, false))
                return false;
            var startMs = _lineFreeAtMs > nowMs ? _lineFreeAtMs : nowMs;
            _lineFreeAtMs = BytesPerS > 0 ? startMs + count * 1000L / BytesPerS : startMs;
            slot.AtMs = _lineFreeAtMs + latencyMs;
            _count++;
            return true;
        }

        /// <summary>The oldest message if it is due at <paramref name="nowMs"/>, else null; <see cref="Take"/> removes it.</summary>
        public SimMessage Due(long nowMs) => _count > 0 && _slots[_head].AtMs <= nowMs ? _slots[_head] : null;

        public void Take()
        {
            _head = (_head + 1) % Capacity;
            _count--;
        }

        /// <summary>The connection ended: whatever was in transit is gone.</summary>
        public void Clear()
        {
            _count = 0;
        }
    }
}
