using ChargeController.Hal;

namespace ChargeController.Sim.Metering
{
    /// <summary>
    /// The simulated RS485 bus: requests reach the meter at their address (the pile's meter, and a site meter when there
    /// is one); any other address stays silent.
    /// </summary>
    public sealed class SimModbusBus : IModbusMaster
    {
        private readonly SimMeter _meter;

        /// <param name="meter">the pile's meter, or null for a bus that carries only a site meter</param>
        public SimModbusBus(SimMeter meter)
        {
            _meter = meter;
        }

        /// <summary>A second meter on the same bus (the site meter), or null.</summary>
        public SimMeter Site { get; set; }

        private SimMeter At(byte slave)
        {
            if (_meter != null && _meter.Address == slave)
                return _meter;
            return Site != null && Site.Address == slave ? Site : null;
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
            return At(slave) != null ? ModbusStatus.SlaveException : ModbusStatus.Timeout;
        }

        private ModbusStatus Read(byte function, byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            Transactions++;
            exceptionCode = 0;
            var meter = At(slave);
            return meter != null ? meter.Read(function, start, count, into, out exceptionCode) : ModbusStatus.Timeout;
        }
    }
}
