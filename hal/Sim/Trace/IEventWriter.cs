using ChargeController.Firmware.Events;

namespace ChargeController.Sim.Trace
{
    /// <summary>A consumer of the core's event stream that turns each event into text.</summary>
    public interface IEventWriter
    {
        void Write(PileEvent e);
    }
}
