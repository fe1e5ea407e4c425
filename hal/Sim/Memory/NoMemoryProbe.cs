namespace ChargeController.Sim.Memory
{
    /// <summary>The probe of a run nobody measures.</summary>
    public sealed class NoMemoryProbe : IMemoryProbe
    {
        public static readonly NoMemoryProbe Instance = new NoMemoryProbe();

        public void Begin(RunPart part)
        {
        }

        public void End(RunPart part)
        {
        }
    }
}
