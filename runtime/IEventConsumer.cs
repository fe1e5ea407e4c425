using ChargeController.Firmware.Events;

namespace ChargeController.Runtime
{
    /// <summary>
    /// A consumer downstream of the journal (trace writer, later the platform outbox and the console's log view). Called
    /// on the storage thread, never the control thread, so it may take its time: the event ring absorbs it.
    /// </summary>
    public interface IEventConsumer
    {
        void Write(PileEvent e);
    }
}
