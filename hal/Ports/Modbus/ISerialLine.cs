namespace ChargeController.Hal
{
    /// <summary>
    /// The byte pipe under Modbus RTU framing (<see cref="RtuMaster"/>): the RS485 UART on the device, a USB-RS485 adapter
    /// or a pseudo-terminal on a laptop, a scripted line in tests. Used by one thread at a time.
    /// </summary>
    public interface ISerialLine
    {
        /// <summary>Sends the first <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
        void Write(byte[] data, int count);

        /// <returns>the next received byte, or -1 when none arrives within <paramref name="timeoutMs"/></returns>
        int ReadByte(int timeoutMs);

        /// <summary>Throws away whatever has been received and not read, so an old frame is never taken for a new answer.</summary>
        void DiscardInput();
    }
}
