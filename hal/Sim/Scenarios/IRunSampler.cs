namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// Looks at the simulated pile at every multiple of <see cref="PeriodMs"/> of virtual time while a scenario runs
    /// (PileSim's --plot); at a step's time it may be called twice.
    /// </summary>
    public interface IRunSampler
    {
        int PeriodMs { get; }

        void Sample(SimulatedPile pile);
    }
}
