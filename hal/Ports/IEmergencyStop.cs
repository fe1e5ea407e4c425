namespace ChargeController.Hal
{
    /// <summary>The emergency-stop button (normally closed circuit: a broken wire reads as pressed).</summary>
    public interface IEmergencyStop
    {
        bool Pressed { get; }
    }
}
