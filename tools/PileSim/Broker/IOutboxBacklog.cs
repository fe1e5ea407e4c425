namespace ChargeController.PileSim.Broker;

/// <summary>How many of the pile's platform records still wait for the broker's acknowledgement.</summary>
public interface IOutboxBacklog
{
    int Records { get; }
}

/// <summary>The running pile's outbox: the runtime keeps none so far, so no record ever waits.</summary>
public sealed class NoOutbox : IOutboxBacklog
{
    public static readonly NoOutbox Instance = new();

    public int Records => 0;
}
