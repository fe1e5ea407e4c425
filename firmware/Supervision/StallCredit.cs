namespace ChargeController.Firmware.Supervision
{
    /// <summary>
    /// How much a stall grows between two looks of the supervisor: the time since its last look, at most
    /// <see cref="MaxMs"/>. The supervisor runs every 10 ms and, on nanoCLR, gets a turn at least every quantum or two; a
    /// longer gap means the whole runtime stood still (a native call that computes, a collection, the host on a test
    /// machine), which is no thread's stall: counted whole, the first thread to run after it would be taken for dead.
    /// A thread that really stopped still adds up to its limit, 50 ms a look at most.
    /// </summary>
    public sealed class StallCredit
    {
        public const int MaxMs = 50;

        private long _lastLookMs = -1;

        /// <summary>The supervisor's look now: what every stall grows by since the last one.</summary>
        public int Next(long nowMs)
        {
            var sinceMs = _lastLookMs < 0 ? 0 : nowMs - _lastLookMs;
            _lastLookMs = nowMs;
            return sinceMs > MaxMs ? MaxMs : (int)sinceMs;
        }
    }
}
