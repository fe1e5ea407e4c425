namespace ChargeController.Hal
{
    /// <summary>Temperature sensors, in tenths of a degree Celsius.</summary>
    public interface ITemperatures
    {
        int EnclosureDeciC { get; }
        int ConnectorDeciC { get; }
    }
}
