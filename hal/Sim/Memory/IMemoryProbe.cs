namespace ChargeController.Sim.Memory
{
    /// <summary>
    /// Told where each part of a simulated run begins and ends, so a host tool can measure what each part allocates on the
    /// run's thread (device assemblies cannot read the garbage collector's counters). Parts nest: a boot within the
    /// startup, the flash's own allocations within any of them.
    /// </summary>
    public interface IMemoryProbe
    {
        void Begin(RunPart part);
        void End(RunPart part);
    }
}
