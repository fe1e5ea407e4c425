namespace ChargeController.Hal
{
    /// <summary>Parity of a UART line (8 data bits, 1 stop bit), as the config chooses it.</summary>
    public enum SerialParity
    {
        None,
        Even,
        Odd,
    }
}
