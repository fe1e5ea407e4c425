using System.Collections;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// Start-up, before the first tick: load the config, work out why the pile booted (the hardware cannot say), count
    /// unexpected boots, write the new boot state (durable before any record of this boot), and read the journal for
    /// what power cut off: sessions left open, faults latched, retry counts.
    /// </summary>
    public static class BootSequence
    {
        public const int JournalCompactAboveBytes = 48 * 1024;
        public const int JournalKeepClosedSessions = 20;

        public static BootContext Run(IFileStore store, PileConfig config)
        {
            var context = new BootContext();
            var warnings = new ArrayList();
            bool configDamaged;
            foreach (var warning in new ConfigStore(store).Load(config, out configDamaged))
                warnings.Add(warning);

            var journal = new Journal(store, JournalCompactAboveBytes, JournalKeepClosedSessions);
            var records = journal.Open();
            var bootStore = new BootStateStore(store);
            bool corrupt;
            var previous = bootStore.Load(out corrupt);
            if (corrupt)
                warnings.Add("boot state file is damaged: boot counted as unexpected");

            var reason = Reason(previous, corrupt || records.Length > 0);
            var unexpected = reason == BootReason.PowerLoss || reason == BootReason.Watchdog;
            var streak = !unexpected ? 0 : previous != null && !previous.ReachedStable ? previous.UnexpectedStreak + 1 : 1;
            var crashLoop = (previous != null && previous.CrashLoop) || streak > config.Get(ConfigKeys.CrashLoopBoots);
            var state = new BootState
            {
                BootNumber = NextBootNumber(previous, records),
                UnexpectedStreak = streak,
                CrashLoop = crashLoop,
            };
            bootStore.Save(state);
            journal.StartBoot(state.BootNumber);

            context.Reason = crashLoop ? BootReason.CrashLoop : reason;
            context.BootNumber = state.BootNumber;
            context.SafeMode = crashLoop;
            context.ConfigDamaged = configDamaged;
            context.Journal = journal;
            context.Keeper = new BootKeeper(bootStore, state);
            context.ConfigWarnings = new string[warnings.Count];
            warnings.CopyTo(context.ConfigWarnings);
            FindOpenSessions(records, context);
            context.FaultStates = LastFaultStates(records);
            return context;
        }

        private static BootReason Reason(BootState previous, bool ranBefore)
        {
            if (previous == null)
                return ranBefore ? BootReason.PowerLoss : BootReason.PowerOn;
            if (previous.Marker == BootState.MarkerPlanned)
                return BootReason.Planned;
            if (previous.Marker == BootState.MarkerWatchdog)
                return BootReason.Watchdog;
            return BootReason.PowerLoss; // no marker: power went, or the firmware died without the supervisor noticing
        }

        /// <summary>One more than any boot seen, in the boot state or the journal (if the boot state was lost).</summary>
        private static int NextBootNumber(BootState previous, JournalRecord[] records)
        {
            var highest = previous == null ? 0 : previous.BootNumber;
            foreach (var record in records)
            {
                var boot = (int)(record.Sequence >> 32);
                if (boot > highest)
                    highest = boot;
            }
            return highest + 1;
        }

        /// <summary>
        /// One pass in journal order: an open adds a session, a checkpoint moves its reading on, a close removes it. Only the
        /// sessions open at that moment are searched (a handful), not the whole journal for each one.
        /// </summary>
        private static void FindOpenSessions(JournalRecord[] records, BootContext context)
        {
            var open = new ArrayList();
            var lastWh = new ArrayList();
            foreach (var record in records)
            {
                if (record.Kind == JournalRecordKind.SessionOpen)
                {
                    open.Add(record);
                    lastWh.Add(record.Wh);
                    continue;
                }
                var at = IndexOf(open, record.SessionId);
                if (at < 0)
                    continue;
                if (record.Kind == JournalRecordKind.SessionCheckpoint)
                    lastWh[at] = record.Wh;
                else if (record.Kind == JournalRecordKind.SessionClose)
                {
                    open.RemoveAt(at);
                    lastWh.RemoveAt(at);
                }
            }
            context.OpenSessions = new JournalRecord[open.Count];
            open.CopyTo(context.OpenSessions);
            context.OpenSessionLastWh = new long[open.Count];
            for (var i = 0; i < open.Count; i++)
                context.OpenSessionLastWh[i] = (long)lastWh[i];
        }

        private static int IndexOf(ArrayList sessions, string sessionId)
        {
            if (sessionId == null)
                return -1;
            for (var i = 0; i < sessions.Count; i++)
                if (((JournalRecord)sessions[i]).SessionId == sessionId)
                    return i;
            return -1;
        }

        private static JournalRecord[] LastFaultStates(JournalRecord[] records)
        {
            var last = new ArrayList();
            for (var i = records.Length - 1; i >= 0; i--)
            {
                if (records[i].Kind != JournalRecordKind.Fault)
                    continue;
                var seen = false;
                foreach (JournalRecord kept in last)
                    if (kept.Code == records[i].Code)
                        seen = true;
                if (!seen)
                    last.Add(records[i]);
            }
            var result = new JournalRecord[last.Count];
            last.CopyTo(result);
            return result;
        }
    }
}
