using System.Collections;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;
using ChargeController.Hal;

namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// Start-up, before the first tick: load the config, work out why the pile booted (the hardware cannot say), count
    /// unexpected boots, write the new boot state (durable before any record of this boot), and read the journal for
    /// what power cut off: sessions left open, faults latched, retry counts. The journal is streamed; only what is still
    /// open becomes objects here.
    /// </summary>
    public static class BootSequence
    {
        public const int JournalCompactAboveBytes = 48 * 1024;
        /// <summary>Compaction keeps as many closed sessions as the console's session log shows.</summary>
        public const int JournalKeepClosedSessions = SessionLog.Capacity;

        /// <param name="platformLink">the pile has a platform link: the journal keeps the platform's records until the broker acknowledges them</param>
        public static BootContext Run(IFileStore store, PileConfig config, bool platformLink = true)
        {
            var context = new BootContext();
            var warnings = new ArrayList();
            bool configDamaged;
            foreach (var warning in new ConfigStore(store).Load(config, out configDamaged))
                warnings.Add(warning);

            var journal = new Journal(store, JournalCompactAboveBytes, JournalKeepClosedSessions) { KeepsOutbox = platformLink };
            context.FaultLog = new FaultLog();
            journal.Open(context.FaultLog);
            var found = journal.Summary;
            OpenSessions(journal, context);
            context.SessionLog = ClosedSessions(journal);
            context.FaultStates = LastFaultStates(journal);
            var bootStore = new BootStateStore(store);
            bool corrupt;
            var previous = bootStore.Load(out corrupt);
            if (corrupt)
                warnings.Add("boot state file is damaged: boot counted as unexpected");

            var reason = Reason(previous, corrupt || found.Records > 0);
            var unexpected = reason == BootReason.PowerLoss || reason == BootReason.Watchdog;
            var streak = !unexpected ? 0 : previous != null && !previous.ReachedStable ? previous.UnexpectedStreak + 1 : 1;
            var crashLoop = (previous != null && previous.CrashLoop) || streak > config.Get(ConfigKeys.CrashLoopBoots);
            var state = new BootState
            {
                // one more than any boot seen, in the boot state or the journal (if the boot state was lost)
                BootNumber = (previous != null && previous.BootNumber > found.HighestBoot ? previous.BootNumber : found.HighestBoot) + 1,
                UnexpectedStreak = streak,
                CrashLoop = crashLoop,
            };
            bootStore.Save(state);
            journal.StartBoot(state.BootNumber);

            context.Reason = crashLoop ? BootReason.CrashLoop : reason;
            if (reason == BootReason.Watchdog)
                context.WatchdogThread = ThreadNames.NameOf(previous.Marker >> BootState.MarkerThreadShift);
            context.BootNumber = state.BootNumber;
            context.SafeMode = crashLoop;
            context.ConfigDamaged = configDamaged;
            context.Journal = journal;
            context.Keeper = new BootKeeper(bootStore, state);
            context.ConfigWarnings = Strings.Of(warnings);
            return context;
        }

        private static BootReason Reason(BootState previous, bool ranBefore)
        {
            if (previous == null)
                return ranBefore ? BootReason.PowerLoss : BootReason.PowerOn;
            if (previous.Marker == BootState.MarkerPlanned)
                return BootReason.Planned;
            if ((previous.Marker & BootState.MarkerKindMask) == BootState.MarkerWatchdog)
                return BootReason.Watchdog;
            return BootReason.PowerLoss; // no marker: power went, or the firmware died without the supervisor noticing
        }

        /// <summary>Sessions whose open record has no close, oldest first, with their last reading.</summary>
        private static void OpenSessions(Journal journal, BootContext context)
        {
            var found = journal.Summary;
            context.OpenSessions = new JournalRecord[found.OpenSessions];
            context.OpenSessionLastWh = new long[found.OpenSessions];
            context.OpenSessionSuperseded = new bool[found.OpenSessions];
            for (var i = 0; i < found.OpenSessions; i++)
            {
                context.OpenSessions[i] = journal.RecordAt(found.OpenSessionAt(i));
                context.OpenSessionLastWh[i] = found.OpenSessionLastWh(i);
                context.OpenSessionSuperseded[i] = found.OpenSessionSuperseded(i);
            }
        }

        /// <summary>The closed sessions the journal keeps, for the console's `sessions`.</summary>
        private static SessionLog ClosedSessions(Journal journal)
        {
            var found = journal.Summary;
            var log = new SessionLog();
            for (var i = 0; i < found.ClosedSessions; i++)
            {
                var openAt = found.ClosedSessionOpenAt(i);
                var close = journal.RecordAt(found.ClosedSessionCloseAt(i));
                if (close != null)
                    log.AddRecorded(openAt < 0 ? null : journal.RecordAt(openAt), close);
            }
            return log;
        }

        /// <summary>Each fault's last record, the most recent first.</summary>
        private static JournalRecord[] LastFaultStates(Journal journal)
        {
            var found = journal.Summary;
            var faults = new JournalRecord[found.Faults];
            for (var i = 0; i < faults.Length; i++)
                faults[i] = journal.RecordAt(found.FaultAt(i));
            return faults;
        }
    }
}
