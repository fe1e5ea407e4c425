namespace ChargeController.Sim.Trace
{
    /// <summary>Where trace lines go: a file, the console, a test's list. The only I/O the scenario engine needs.</summary>
    public interface ITraceSink
    {
        void WriteLine(string line);
    }
}
