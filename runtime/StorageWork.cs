using ChargeController.Firmware.Events;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The storage thread: the consumer of both event rings. Each core event goes to the journal (which appends and
    /// flushes what must survive a power cut, and tells the core through the session ledger), then downstream; the
    /// supervisor's events go downstream only. Flash may take its time here: the ring's reserve and the core's
    /// congestion rule (no new session) absorb it. An event the journal could not write is held by the recorder and the
    /// ring is not read further until it is written: the later events wait in their slots, in order. Then the flash
    /// writes the control thread has queued.
    ///
    /// Its work per wake-up is bounded (docs/architecture.md, the budget): at most <see cref="PileRuntime.StorageEventsPerWake"/> core
    /// events (each at most one journal record and its flush), and the journal's compaction, which rewrites the whole
    /// file, only while no session is active (the control thread's session-active word);
    /// while it is busy a due compaction waits unless a record would not fit without it.
    /// </summary>
    internal sealed class StorageWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;
        private readonly IEventConsumer _consumer;

        public StorageWork(PileRuntime runtime, IEventConsumer consumer)
        {
            _runtime = runtime;
            _consumer = consumer;
        }

        public void RunOnce(long nowMs)
        {
            PileEvent e;
            var events = _runtime.Events;
            var recorder = _runtime.Recorder;
            var journal = _runtime.LastBoot.Journal;
            var busy = _runtime.SessionActive;
            journal.DeferCompaction = busy;
            var taken = 0;
            if (recorder.Retry(nowMs))
                while (taken++ < PileRuntime.StorageEventsPerWake && events.TryRead(out e))
                {
                    var recorded = recorder.Record(e, nowMs);
                    _consumer.Write(e); // what happened is told at once; only the journal waits
                    if (!recorded)
                        break;
                }
            var outbox = _runtime.Outbox;
            if (outbox != null)
                outbox.RunOnce(nowMs);
            var supervisorEvents = _runtime.Supervisor.Events;
            while (supervisorEvents.TryRead(out e))
                _consumer.Write(e);
            _runtime.FlashWrites.Run();
            if (!busy)
                journal.CompactIfDue();
        }
    }
}
