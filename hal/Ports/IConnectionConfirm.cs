namespace ChargeController.Hal
{
    /// <summary>The connection-confirm (CC) line of a case B socket: the cable's coding resistor between CC and PE.</summary>
    public interface IConnectionConfirm
    {
        /// <summary>Resistance between CC and PE in ohms; <see cref="OpenOhms"/> when no plug is (fully) inserted.</summary>
        int ResistanceOhms { get; }
    }

    public static class ConnectionConfirm
    {
        public const int OpenOhms = int.MaxValue;
    }
}
