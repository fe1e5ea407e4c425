namespace ChargeController.Sim.Link
{
    /// <summary>Sees every message the simulated broker receives, as it arrives (the slot is reused after the call).</summary>
    public interface IBrokerTap
    {
        void Received(SimMessage message);
    }
}
