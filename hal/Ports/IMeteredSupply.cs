namespace ChargeController.Hal
{
    /// <summary>
    /// A supply the board does not measure itself: the energy meter's voltage stands for it. The meter thread publishes each
    /// plausible reading's L1 voltage; the control thread reads <see cref="ISupply.VoltageMv"/>.
    /// </summary>
    public interface IMeteredSupply : ISupply
    {
        void Publish(int voltageMv);
    }
}
