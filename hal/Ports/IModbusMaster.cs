namespace ChargeController.Hal
{
    /// <summary>
    /// A Modbus RTU master on the pile's RS485 bus, at register level. Calls block for at most the bus timeout, so they
    /// run on the meter thread, never on the control thread. Registers land in the caller's buffer: nothing is allocated
    /// per call by the core's side.
    /// </summary>
    public interface IModbusMaster
    {
        /// <param name="exceptionCode">the slave's exception code when the status is <see cref="ModbusStatus.SlaveException"/>, else 0</param>
        ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode);

        ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode);

        ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode);
    }
}
