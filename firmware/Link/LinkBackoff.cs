namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// How long the link supervisor waits before the next connect: min(<see cref="CapMs"/>, <see cref="BaseMs"/> x 2^n)
    /// with +-<see cref="JitterPercent"/> % jitter, n the failed attempts since the last connection that stayed up. The
    /// jitter comes from a xorshift generator seeded by the pile id, so 370 piles that lose the same cell do not come back
    /// at the same second, and the simulator replays the same waits.
    /// </summary>
    public sealed class LinkBackoff
    {
        public const int BaseMs = 2000;
        public const int CapMs = 300000;
        public const int JitterPercent = 20;

        private uint _state;

        public LinkBackoff(string pileId)
        {
            // FNV-1a of the id: never 0, which xorshift could not leave
            var hash = 2166136261u;
            for (var i = 0; i < pileId.Length; i++)
                hash = (hash ^ pileId[i]) * 16777619u;
            _state = hash == 0 ? 1u : hash;
        }

        /// <param name="failures">failed attempts since the last stable connection (0 for the first retry)</param>
        public int DelayMs(int failures)
        {
            long delay = BaseMs;
            for (var i = 0; i < failures && delay < CapMs; i++)
                delay *= 2;
            if (delay > CapMs)
                delay = CapMs;
            var spreadPercent = (int)(Next() % (2 * JitterPercent + 1)) - JitterPercent; // -20..+20
            return (int)(delay * (100 + spreadPercent) / 100);
        }

        private uint Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return _state;
        }
    }
}
