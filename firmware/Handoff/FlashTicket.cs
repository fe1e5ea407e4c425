namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// One requester's write in <see cref="FlashWrites"/> (control thread): at most one at a time, posted, asked about
    /// each pass until it is done, then its outcome collected. While <see cref="Pending"/>, what the write stores stays
    /// untouched.
    /// </summary>
    public sealed class FlashTicket
    {
        private readonly FlashWrites _writes;
        private int _ticket;

        public FlashTicket(FlashWrites writes)
        {
            _writes = writes;
        }

        /// <summary>Posted, and its outcome not collected yet.</summary>
        public bool Pending => _ticket != 0;

        /// <summary>The storage thread has carried it out (<see cref="Collect"/> tells how it went).</summary>
        public bool Done => _writes.Done(_ticket);

        /// <returns>false while an earlier write is pending, or when the queue is full (nothing queued)</returns>
        public bool TryPost(IFlashWrite write)
        {
            if (_ticket != 0)
                return false;
            _ticket = _writes.TryPost(write);
            return _ticket != 0;
        }

        /// <summary>Once <see cref="Done"/>: whether the write held; the requester may post again.</summary>
        public bool Collect()
        {
            var stored = _writes.Succeeded(_ticket);
            _ticket = 0;
            return stored;
        }
    }
}
