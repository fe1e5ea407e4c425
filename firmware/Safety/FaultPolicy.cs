namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// How one fault behaves: what it does to charging, whether it ends the session, and how it recovers. After the
    /// condition has gone, the fault clears by itself once <see cref="RetryDelayMs"/> has passed, as long as it has not
    /// already come back <see cref="MaxRetries"/> times; then it latches until a technician or the platform clears it.
    /// Its OCPP code and detail are fixed per fault (<see cref="FaultPolicies.CodeOf"/>, <see cref="FaultPolicies.DetailOf"/>).
    /// </summary>
    public sealed class FaultPolicy
    {
        /// <summary><see cref="MaxRetries"/> value for a fault that always clears by itself.</summary>
        public const int Unlimited = -1;

        public FaultPolicy(Fault fault, FaultAction action, bool endsSession, int retryDelayMs, int maxRetries)
        {
            Fault = fault;
            Action = action;
            EndsSession = endsSession;
            RetryDelayMs = retryDelayMs;
            MaxRetries = maxRetries;
        }

        public Fault Fault { get; }
        public FaultAction Action { get; }
        public bool EndsSession { get; }
        public int RetryDelayMs { get; }
        public int MaxRetries { get; }
    }
}
