namespace ChargeController.Hal
{
    /// <summary>
    /// Milliseconds since boot, never going backwards and unaffected by wall-clock changes. Every timing decision of the
    /// pile is made on this clock; the simulation supplies a virtual one.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
