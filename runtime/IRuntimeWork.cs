namespace ChargeController.Runtime
{
    /// <summary>
    /// One thread's share of the pile: what it does each time it wakes. The same objects run on real threads
    /// (<see cref="PeriodicThread"/>, device and .NET) and, for scenarios, one after another on virtual time.
    /// </summary>
    public interface IRuntimeWork
    {
        void RunOnce(long nowMs);
    }
}
