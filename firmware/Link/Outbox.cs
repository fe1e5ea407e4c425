using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The storage thread's side of the outbox (docs/mqtt-api.md, Delivery). The platform records after the journal's
    /// cursor are encoded, oldest first, into the slots of <see cref="Handoff"/> for the network thread, which publishes
    /// them (QoS 1) and releases a slot, in order, once the broker has acknowledged it. The releases are the
    /// acknowledgements coming back: this side remembers which sequence it put into each slot and moves the journal's
    /// cursor over the released ones, and makes the cursor durable at most every <see cref="CursorSaveMs"/>.
    /// Preallocated; allocates nothing per event.
    /// </summary>
    public sealed class Outbox
    {
        public const int Slots = 4;
        /// <summary>The longest event (a session end with a 20-character id tag, a 32-character pile id) is ~300 bytes.</summary>
        public const int SlotBytes = 512;
        public const int CursorSaveMs = 10000;

        private readonly Journal _journal;
        private readonly JournalReader _reader;
        private readonly JsonWriter _writer = new JsonWriter(SlotBytes);
        private readonly EventEncoder _encoder;
        private readonly long[] _sequences = new long[Slots];
        private int _oldest;
        private int _outstanding;
        private long _lastQueued;
        private int _scanAt;
        private int _rewrites;
        private long _savedAtMs;
        private int _pendingWord;
        private int _droppedWord;
        private int _oldestBootWord = -1;
        private int _oldestRecordWord;

        public Outbox(Journal journal, IFileStore store, string pileId)
        {
            _journal = journal;
            _reader = new JournalReader(store, Journal.FileName);
            _encoder = new EventEncoder(_writer, pileId);
            Handoff = new MessageRing(Slots, SlotBytes);
            _lastQueued = journal.OutboxCursor;
            _rewrites = journal.Rewrites;
            Publish();
        }

        /// <summary>Encoded events in sequence order; produced here, consumed (published, then released) by the network thread.</summary>
        public MessageRing Handoff { get; }

        /// <summary>The health events' fields for this outbox's encoder (set at boot, before the storage thread runs).</summary>
        public IEventFields HealthFields
        {
            set => _encoder.HealthFields = value;
        }

        /// <summary>Read by the network thread for the status message: events waiting for the broker.</summary>
        public int Pending => System.Threading.Interlocked.CompareExchange(ref _pendingWord, 0, 0);
        /// <summary>Read by the network thread: events a full outbox dropped, in the pile's life (a word: no 64-bit atomics on the device).</summary>
        public int Dropped => System.Threading.Interlocked.CompareExchange(ref _droppedWord, 0, 0);

        /// <summary>
        /// Read by the control thread (the console's `outbox`): the boot of the oldest record waiting for the broker, or -1.
        /// Two words: a reading that races the storage thread may pair a new boot with the previous record number, once.
        /// </summary>
        public int OldestBoot => System.Threading.Interlocked.CompareExchange(ref _oldestBootWord, 0, 0);
        /// <summary>The oldest waiting record's number within <see cref="OldestBoot"/>.</summary>
        public int OldestRecord => System.Threading.Interlocked.CompareExchange(ref _oldestRecordWord, 0, 0);

        /// <summary>The storage thread's turn, after the journal took this wake-up's events.</summary>
        public void RunOnce(long nowMs)
        {
            Acknowledged();
            if (_journal.OutboxCursor != _journal.SavedOutboxCursor && nowMs - _savedAtMs >= CursorSaveMs)
            {
                _journal.SaveOutboxCursor();
                _savedAtMs = nowMs;
            }
            if (_rewrites != _journal.Rewrites)
            {
                _rewrites = _journal.Rewrites; // offsets moved (a compaction, damage moved out): find our place again from the start
                _scanAt = 0;
            }
            if (_scanAt < _journal.Length && _outstanding < Slots)
                Feed(nowMs);
            Publish();
        }

        /// <summary>Slots the network thread released since the last look: their events are acknowledged.</summary>
        private void Acknowledged()
        {
            var released = _outstanding - Handoff.Count;
            for (; released > 0; released--)
            {
                _journal.Acknowledge(_sequences[_oldest]);
                _oldest = (_oldest + 1) % Slots;
                _outstanding--;
            }
        }

        private void Feed(long nowMs)
        {
            _reader.Forget(); // the journal was appended to, or rewritten, since the last read
            while (_outstanding < Slots && _scanAt < _journal.Length && _reader.ReadFrom(_scanAt)) // over damage, as the journal reads
            {
                _scanAt = _reader.Offset + _reader.Length;
                var sequence = _reader.Sequence;
                if (!Journal.IsPlatformRecord(_reader.Kind) || sequence <= _lastQueued)
                    continue;
                _lastQueued = sequence;
                if (!_encoder.Encode(_reader))
                    continue; // cannot happen: every field is bounded to fit a slot (EventEncoder tests)
                Handoff.TryPost(_writer.Buffer, 0, _writer.Length, nowMs);
                _sequences[(_oldest + _outstanding) % Slots] = sequence;
                _outstanding++;
            }
        }

        private void Publish()
        {
            var oldest = _outstanding == 0 ? -1L : _sequences[_oldest];
            System.Threading.Interlocked.Exchange(ref _oldestRecordWord, oldest < 0 ? 0 : (int)(oldest & 0xFFFFFFFF));
            System.Threading.Interlocked.Exchange(ref _oldestBootWord, oldest < 0 ? -1 : (int)(oldest >> 32));
            System.Threading.Interlocked.Exchange(ref _pendingWord, _journal.OutboxPending);
            var dropped = _journal.OutboxDropped;
            System.Threading.Interlocked.Exchange(ref _droppedWord, dropped > int.MaxValue ? int.MaxValue : (int)dropped);
        }
    }
}
