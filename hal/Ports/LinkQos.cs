namespace ChargeController.Hal
{
    /// <summary>MQTT quality of service levels the pile uses (QoS 2 is not needed: events carry ids for de-duplication).</summary>
    public enum LinkQos
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
    }
}
