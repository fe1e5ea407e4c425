namespace ChargeController.Hal
{
    /// <summary>The mains supply as the pile measures it (RMS of phase L1 to N).</summary>
    public interface ISupply
    {
        int VoltageMv { get; }
    }
}
