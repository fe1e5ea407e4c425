namespace ChargeController.Hal
{
    /// <summary>What the status light shows: standby, charging, fault (GB/T piles show these three at least).</summary>
    public enum IndicatorPattern
    {
        Standby,
        Connected,
        Charging,
        Suspended,
        Unavailable,
        Fault,
    }
}
