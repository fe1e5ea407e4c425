namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// Which broker of the provisioned list the next connect goes to (docs/mqtt-api.md, Link supervision). The list's order
    /// is a preference: the pile starts on the first, moves to the next after <see cref="FailuresBeforeNext"/> failed
    /// attempts in a row on one broker (a refused or timed-out connect, or a connection lost before it held
    /// <see cref="LinkSupervisor.StableMs"/>), wrapping round after the last, and goes back to the first when a connection
    /// that had held is lost. It never leaves a working connection: a pile on a fallback stays there until that connection
    /// ends. The waits between attempts stay the backoff's, so a pile whose brokers are all down tries no more often than
    /// one with a single broker.
    /// </summary>
    public sealed class BrokerChoice
    {
        public const int FailuresBeforeNext = 2;
        /// <summary>The most brokers a pile can be given.</summary>
        public const int MaxBrokers = 4;

        private readonly int _brokers;
        private int _failures;

        /// <param name="brokers">the broker link's list length, 1 to <see cref="MaxBrokers"/> (anything else counts as 1)</param>
        public BrokerChoice(int brokers)
        {
            _brokers = brokers >= 1 && brokers <= MaxBrokers ? brokers : 1;
        }

        /// <summary>The broker the next connect goes to, 0 for the first.</summary>
        public int Current { get; private set; }

        /// <summary>A connect to <see cref="Current"/> failed, or its connection was lost before it held.</summary>
        public void Failed()
        {
            if (++_failures < FailuresBeforeNext)
                return;
            _failures = 0;
            Current = (Current + 1) % _brokers;
        }

        /// <summary>A connection that had held was lost: start again from the first broker.</summary>
        public void LostAfterHolding()
        {
            _failures = 0;
            Current = 0;
        }

        /// <summary>The connection held <see cref="LinkSupervisor.StableMs"/>: the count of failures in a row starts again.</summary>
        public void Held() => _failures = 0;
    }
}
