using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// A change of the stored configuration, for the platform's config set and the console's, which validate on the
    /// control thread and must not wait on flash there: a candidate copied from the running configuration, stored by the
    /// storage thread (<see cref="FlashWrites"/>), and the running configuration's record only once it is stored. One
    /// change at a time, whoever asks: a second candidate made while the first is on its way would lack the first
    /// change, and its write would undo it. Each key a stored change changed becomes a ConfigChange event (applies at the
    /// next boot), which the journal keeps and the outbox sends to the platform as config-changed.
    /// </summary>
    public sealed class ConfigWrite : IFlashWrite
    {
        private readonly ConfigStore _store;
        private readonly PileConfig _running;
        private readonly PileConfig _candidate = new PileConfig();
        private readonly FlashTicket _ticket;
        private readonly EventRing _events;
        private readonly IMonotonicClock _clock;

        /// <param name="running">the running configuration: it takes a candidate once the candidate is stored</param>
        /// <param name="events">the core's event stream (control thread), which takes the stored changes</param>
        public ConfigWrite(IFileStore store, PileConfig running, FlashWrites writes, EventRing events, IMonotonicClock clock)
        {
            _store = new ConfigStore(store);
            _running = running;
            _ticket = new FlashTicket(writes);
            _events = events;
            _clock = clock;
        }

        /// <summary>Control thread: a copy of the running configuration to change, then <see cref="TryPost"/>.</summary>
        /// <returns>the candidate, or null while an earlier change is on its way (nothing may change then)</returns>
        public PileConfig Begin()
        {
            if (_ticket.Pending)
                return null;
            _candidate.CopyFrom(_running);
            return _candidate;
        }

        /// <summary>Control thread: the candidate goes to the storage thread and stays untouched until <see cref="Finish"/>.</summary>
        /// <returns>false when the queue is full (nothing changed)</returns>
        public bool TryPost() => _ticket.TryPost(this);

        /// <summary>The storage thread has written the posted candidate.</summary>
        public bool Done => _ticket.Done;

        /// <summary>
        /// Control thread, once <see cref="Done"/>: stored, each key it changed is an event and the candidate is the running
        /// configuration's record; else nothing changed.
        /// </summary>
        public bool Finish()
        {
            var stored = _ticket.Collect();
            if (stored)
            {
                ReportChanges(_clock.NowMs);
                _running.CopyFrom(_candidate);
            }
            return stored;
        }

        /// <summary>A key set to the value it had is no change: the platform hears only of what differs.</summary>
        private void ReportChanges(long nowMs)
        {
            var keys = ConfigKeys.All;
            for (var i = 0; i < keys.Length; i++)
            {
                var value = _candidate.Get(keys[i]);
                if (value != _running.Get(keys[i]))
                    _events.ConfigChange(nowMs, keys[i].Name, keys[i].Format(value), true);
            }
        }

        /// <summary>Storage thread.</summary>
        public bool Write() => _store.Save(_candidate);
    }
}
