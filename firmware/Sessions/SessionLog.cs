using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;

namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// The last ended sessions, for the console's `sessions`: filled at boot with the closed sessions the journal keeps
    /// (compaction keeps as many as this holds), then by the control thread as this boot's sessions end. A fixed ring of
    /// references: the oldest goes, nothing grows with history.
    /// </summary>
    public sealed class SessionLog
    {
        public const int Capacity = 20;

        private readonly Session[] _ended = new Session[Capacity];
        private int _next;

        public int Count { get; private set; }

        public void Add(Session ended)
        {
            _ended[_next] = ended;
            _next = (_next + 1) % Capacity;
            if (Count < Capacity)
                Count++;
        }

        public bool Contains(Session session)
        {
            for (var ago = 0; ago < Count; ago++)
                if (Ended(ago) == session)
                    return true;
            return false;
        }

        /// <param name="ago">0 for the latest ended session, 1 for the one before, ... below <see cref="Count"/></param>
        public Session Ended(int ago) => _ended[(_next - 1 - ago + 2 * Capacity) % Capacity];

        /// <summary>
        /// Adds a session of an earlier boot as the journal has it. Its monotonic times are those of the boot it ran in,
        /// so its duration is known only when it opened and closed in the same boot (<see cref="Session.DurationS"/>).
        /// </summary>
        /// <param name="open">its open record, or null when the journal has lost it (the close repeats what billing needs)</param>
        public void AddRecorded(JournalRecord open, JournalRecord close)
        {
            // one clock saw both ends; a close written before closes kept their uptime reads 0
            var sameBoot = open != null && open.Sequence >> 32 == close.Sequence >> 32 && close.UptimeMs > 0;
            var flags = close.Number;
            // older closes lack the id tag too: the open record has it
            var idTag = close.IdTag != null ? close.IdTag : open != null && open.IdTag != null ? open.IdTag : "";
            var session = new Session(close.SessionId, idTag, (flags & EventRing.SessionOffline) != 0,
                sameBoot ? open.UptimeMs : Session.UnknownMs, open != null ? open.UnixS : 0,
                close.StartWh != PileEvent.NoReading || open == null ? close.StartWh : open.Wh); // older closes lack the start
            if ((flags & EventRing.SessionLastReadingOnly) != 0)
                session.Reached(close.Wh);
            else
                session.SetStopReading(close.Wh);
            if ((flags & EventRing.SessionUnmetered) != 0)
                session.MarkUnmetered();
            session.End((Charging.StopReason)close.Code, sameBoot ? close.UptimeMs : Session.UnknownMs, close.UnixS);
            Add(session);
        }
    }
}
