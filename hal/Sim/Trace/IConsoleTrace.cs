namespace ChargeController.Sim.Trace
{
    /// <summary>A trace that shows what the technician console printed, a line at a time.</summary>
    public interface IConsoleTrace
    {
        void ConsoleLine(long timeMs, string line);
    }
}
