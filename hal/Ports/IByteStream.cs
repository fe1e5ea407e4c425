namespace ChargeController.Hal
{
    /// <summary>
    /// A serial byte stream: the technician console on COM2 (UART1, 115200 8N1, 3.3 V TTL) on the device, an in-memory
    /// pipe or a pseudo-terminal in simulation. Used by the console thread only. Reads never wait: bytes not read yet
    /// stay in the port's receive buffer, which is how the console holds back type-ahead while a reply is pending.
    /// </summary>
    public interface IByteStream
    {
        /// <returns>how many received bytes were copied into <paramref name="into"/> (0 when none are waiting)</returns>
        int Read(byte[] into, int offset, int count);

        /// <summary>Sends the bytes; may wait while the transmit buffer drains (at 115200 baud about 11 bytes per ms).</summary>
        void Write(byte[] data, int offset, int count);
    }
}
