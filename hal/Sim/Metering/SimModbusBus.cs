using ChargeController.Hal;

namespace ChargeController.Sim.Metering
{
    /// <summary>The simulated RS485 bus: requests reach the meter at its address; any other address stays silent.</summary>
    public sealed class SimModbusBus : IModbusMaster
    {
        private readonly SimMeter _meter;

        public SimModbusBus(SimMeter meter)
        {
            _meter = meter;
        }

        public int Transactions { get; private set; }

        public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Read(3, slave, start, count, into, out exceptionCode);

        public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Read(4, slave, start, count, into, out exceptionCode);

        /// <summary>Meters are read-only here: a write is refused as an illegal function, as a DDSU666 refuses it.</summary>
        public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
        {
            Transactions++;
            exceptionCode = SimMeter.IllegalFunction;
            return slave == _meter.Address ? ModbusStatus.SlaveException : ModbusStatus.Timeout;
        }

        private ModbusStatus Read(byte function, byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            Transactions++;
            exceptionCode = 0;
            return slave == _meter.Address ? _meter.Read(function, start, count, into, out exceptionCode) : ModbusStatus.Timeout;
        }
    }
}
