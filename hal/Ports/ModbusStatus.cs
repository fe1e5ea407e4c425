namespace ChargeController.Hal
{
    /// <summary>How a Modbus RTU transaction ended.</summary>
    public enum ModbusStatus
    {
        Ok,
        /// <summary>No answer within the timeout: wiring, address, baud rate, or the meter is off.</summary>
        Timeout,
        /// <summary>An answer whose CRC does not match: noise, missing termination, or a baud/parity mismatch.</summary>
        CrcError,
        /// <summary>The slave answered with an exception code (see the out argument).</summary>
        SlaveException,
    }
}
