using ChargeController.Firmware.Charging;

namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// One charging session: from the first contactor close of an authorised plug-in to its stop reason. Times are on the
    /// monotonic clock, and also in Unix seconds when the wall clock was known (0 when it was not).
    /// </summary>
    public sealed class Session
    {
        public Session(string id, string idTag, bool offline, long startMs, long startUnixS)
        {
            Id = id;
            IdTag = idTag;
            Offline = offline;
            StartMs = startMs;
            StartUnixS = startUnixS;
        }

        public string Id { get; }
        public string IdTag { get; }
        /// <summary>Authorised while the platform link was down (platform mode, offline policy allow).</summary>
        public bool Offline { get; }
        public long StartMs { get; }
        public long StartUnixS { get; }
        public long StopMs { get; private set; }
        public long StopUnixS { get; private set; }
        public StopReason Reason { get; private set; }
        public bool Ended => Reason != StopReason.None;

        public void End(StopReason reason, long stopMs, long stopUnixS)
        {
            Reason = reason;
            StopMs = stopMs;
            StopUnixS = stopUnixS;
        }
    }
}
