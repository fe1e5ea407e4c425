using ChargeController.Firmware.Events;
using ChargeController.Sim.Trace;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>A simulated pile's events, not written anywhere: the tests here judge the link, not the trace.</summary>
internal sealed class NoTrace : IEventWriter
{
    public void Write(PileEvent e)
    {
    }
}
