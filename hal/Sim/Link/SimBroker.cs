namespace ChargeController.Sim.Link
{
    /// <summary>
    /// The broker at the other end of the simulated link: it keeps the retained message of each topic and a log of the
    /// messages it received (the last <see cref="LogCapacity"/>, as a subscriber to everything would see them). Slots
    /// are preallocated; receiving allocates nothing.
    /// </summary>
    public sealed class SimBroker
    {
        private readonly SimMessage[] _log;
        private readonly SimMessage[] _retained;
        private int _logNext;

        public SimBroker(int logCapacity, int retainedTopics, int maxPayloadBytes)
        {
            _log = new SimMessage[logCapacity];
            for (var i = 0; i < logCapacity; i++)
                _log[i] = new SimMessage(maxPayloadBytes);
            _retained = new SimMessage[retainedTopics];
            for (var i = 0; i < retainedTopics; i++)
                _retained[i] = new SimMessage(maxPayloadBytes);
        }

        public int LogCapacity => _log.Length;
        /// <summary>Told of every message as it arrives (a subscriber to everything, for tests and tools), or null.</summary>
        public IBrokerTap Tap { get; set; }
        /// <summary>Every message received since the start, including those no longer in the log.</summary>
        public long Received { get; private set; }

        /// <summary>The <paramref name="index"/>-th of the last received messages, oldest first (index &lt; min(Received, LogCapacity)).</summary>
        public SimMessage Logged(int index)
        {
            var kept = Received < _log.Length ? (int)Received : _log.Length;
            return _log[(_logNext - kept + index + _log.Length) % _log.Length];
        }

        /// <summary>The retained message of a topic, or null (an empty retained payload clears it, as in MQTT).</summary>
        public SimMessage RetainedOf(string topic)
        {
            for (var i = 0; i < _retained.Length; i++)
                if (_retained[i].Topic == topic && _retained[i].Count > 0)
                    return _retained[i];
            return null;
        }

        /// <summary>A message arrives: logged, and kept when retained.</summary>
        public void Receive(SimMessage message)
        {
            _log[_logNext].CopyFrom(message);
            _logNext = (_logNext + 1) % _log.Length;
            Received++;
            if (Tap != null)
                Tap.Received(message);
            if (message.Retain)
                SlotFor(message.Topic).CopyFrom(message);
        }

        private SimMessage SlotFor(string topic)
        {
            SimMessage free = null;
            for (var i = 0; i < _retained.Length; i++)
            {
                if (_retained[i].Topic == topic)
                    return _retained[i];
                if (free == null && _retained[i].Topic == null)
                    free = _retained[i];
            }
            if (free == null)
                throw new System.InvalidOperationException("the simulated broker has no slot left for another retained topic");
            return free;
        }
    }
}
