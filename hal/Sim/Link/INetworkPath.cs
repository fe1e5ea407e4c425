namespace ChargeController.Sim.Link
{
    /// <summary>
    /// The network between the simulated pile and its broker, which `link down` cuts and `link up` restores: the pile sees
    /// a lost connection (never a clean disconnect) and the broker a vanished client, which gets the will published. The
    /// simulated link on virtual time is one (<see cref="SimBrokerLink"/>); a relay in front of a real broker is another
    /// (PileSim --broker).
    /// </summary>
    public interface INetworkPath
    {
        bool NetworkUp { get; }

        /// <summary>The network drops (a 4G cell lost, a cable pulled) or comes back.</summary>
        void SetNetwork(bool up);

        /// <summary>
        /// The pile lost its power or rebooted: its connection vanishes without a clean disconnect (the broker publishes the
        /// will once it notices) and nothing of it reaches the next boot. The network stays as it was.
        /// </summary>
        void DeviceLost();

        /// <summary>
        /// Called by the pile's scheduler every tick, on its thread: hands the pile's link listener whatever came through
        /// the path and is due now (arrivals, acknowledgements, a lost connection). The listener is called from nowhere
        /// else, so the single-threaded scheduler is never entered from another thread.
        /// </summary>
        void Step();
    }
}
