using ChargeController.Runtime;

namespace ChargeController.Sim.Trace
{
    /// <summary>A consumer of the core's event stream that turns each event into text (downstream of the journal).</summary>
    public interface IEventWriter : IEventConsumer
    {
    }
}
