using ChargeController.Firmware.Charging;

namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// One charging session: from the first contactor close of an authorised plug-in to its stop reason. Times are on the
    /// monotonic clock, and also in Unix seconds when the wall clock was known (0 when it was not). Energy is the meter's
    /// import register at stop minus at start, never an integral of power.
    /// </summary>
    public sealed class Session
    {
        /// <summary>A monotonic time that means nothing in this boot: the session ran in an earlier one.</summary>
        public const long UnknownMs = long.MinValue;

        public Session(string id, string idTag, bool offline, long startMs, long startUnixS, long startWh)
        {
            StartWh = startWh;
            StopWh = Events.PileEvent.NoReading;
            LastWh = startWh;
            Unmetered = startWh == Events.PileEvent.NoReading;
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
        /// <summary>Import register at the start, in Wh, or <see cref="Events.PileEvent.NoReading"/>.</summary>
        public long StartWh { get; }
        /// <summary>Import register at the stop, in Wh, read after the contactor opened; or NoReading.</summary>
        public long StopWh { get; private set; }
        /// <summary>
        /// The meter did not see all of it: there is no meter, or the meter was lost for a while during it, or a reading
        /// is missing. The energy is still exact when both readings exist (<see cref="HasEnergy"/>): the meter's register
        /// kept counting while it was silent.
        /// </summary>
        public bool Unmetered { get; private set; }
        /// <summary>
        /// The last plausible reading the session is known to have reached (its start reading, a later reading while it
        /// charged, or at boot its last checkpoint), or NoReading: what its end carries when there is no stop reading.
        /// </summary>
        public long LastWh { get; private set; }
        public bool HasEnergy => StartWh != Events.PileEvent.NoReading && StopWh != Events.PileEvent.NoReading;
        public long EnergyWh => HasEnergy ? StopWh - StartWh : 0;

        /// <summary>
        /// How long it has run, or ran, in seconds; -1 when unknown: it did not end in the boot it started in (power went,
        /// or the firmware rebooted), so no one clock saw both ends.
        /// </summary>
        public long DurationS(long nowMs)
        {
            if (StartMs == UnknownMs) // its stop is unknown too
                return -1;
            return ((Ended ? StopMs : nowMs) - StartMs) / 1000;
        }

        /// <summary>
        /// Left open by an earlier run with a later session after it on the journal: its end is its last checkpoint
        /// (<see cref="LastWh"/>), never a reading taken after the later session's energy.
        /// </summary>
        public bool EndsAtCheckpoint { get; private set; }

        public void MarkUnmetered() => Unmetered = true;

        public void EndAtCheckpoint() => EndsAtCheckpoint = true;

        public void SetStopReading(long stopWh) => StopWh = stopWh;

        /// <summary>A plausible reading taken while the session ran (a total below the one already reached is ignored).</summary>
        public void Reached(long wh)
        {
            if (wh > LastWh)
                LastWh = wh;
        }

        public void End(StopReason reason, long stopMs, long stopUnixS)
        {
            Reason = reason;
            StopMs = stopMs;
            StopUnixS = stopUnixS;
        }
    }
}
