using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>
    /// A contactor whose contacts can weld shut or refuse to pull in, and open late (<see cref="ReleaseMs"/>, an ageing
    /// contactor's); the auxiliary contact tells the truth.
    /// </summary>
    public sealed class SimContactor : IContactor
    {
        private long _nowMs;
        private long _openedAtMs = long.MinValue / 2;

        public bool Commanded { get; private set; }
        public bool Welded { get; set; }
        public bool Stuck { get; set; }
        /// <summary>How long the contacts stay closed after the command to open (0: at once).</summary>
        public int ReleaseMs { get; set; }

        public void Command(bool closed)
        {
            if (Commanded && !closed)
                _openedAtMs = _nowMs;
            Commanded = closed;
        }

        /// <summary>The board's clock, for <see cref="ReleaseMs"/>.</summary>
        public void Step(long nowMs) => _nowMs = nowMs;

        public bool FeedbackClosed => Welded || (Commanded && !Stuck) || (!Commanded && _nowMs - _openedAtMs < ReleaseMs);
    }
}
