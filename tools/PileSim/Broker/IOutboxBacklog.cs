using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim.Broker;

/// <summary>How many of the pile's platform records still wait for the broker's acknowledgement.</summary>
public interface IOutboxBacklog
{
    int Records { get; }
}

/// <summary>The running pile's outbox (a new one each boot): records waiting for the broker's acknowledgement.</summary>
public sealed class PileOutbox(SimulatedPile pile) : IOutboxBacklog
{
    public int Records => pile.Runtime.Outbox?.Pending ?? 0;
}
