using System;
using ChargeController.Hal;
using Iot.Device.Modbus.Client;

namespace ChargeController.Esp32.Modbus
{
    /// <summary>
    /// The meter bus through Iot.Device.Modbus (RS485 on COM3, the UART's RTS driving the transceiver's DE). The library
    /// answers a timeout and a bad CRC alike (null or false): both read as <see cref="ModbusStatus.Timeout"/>. A slave's
    /// exception reply arrives as an Exception whose message ends in the code ("COM3 RX: Modbus ErrorCode 2": the device
    /// prints enums as numbers). Runs on the meter thread; the library allocates per call, the core does not.
    /// </summary>
    public sealed class Esp32ModbusMaster : IModbusMaster
    {
        private readonly ModbusClient _client;

        public Esp32ModbusMaster(ModbusClient client) => _client = client;

        private enum Operation
        {
            ReadHolding,
            ReadInput,
            Write,
        }

        public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Transact(Operation.ReadHolding, slave, start, count, into, out exceptionCode);

        public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode) =>
            Transact(Operation.ReadInput, slave, start, count, into, out exceptionCode);

        public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
        {
            var words = values;
            if (count != values.Length)
            {
                words = new ushort[count];
                Array.Copy(values, words, count);
            }
            return Transact(Operation.Write, slave, start, count, words, out exceptionCode);
        }

        private ModbusStatus Transact(Operation operation, byte slave, ushort start, ushort count, ushort[] words, out byte exceptionCode)
        {
            exceptionCode = 0;
            try
            {
                switch (operation)
                {
                    case Operation.Write:
                        return _client.WriteMultipleRegisters(slave, start, words) ? ModbusStatus.Ok : ModbusStatus.Timeout;
                    case Operation.ReadHolding:
                        return CopyInto(_client.ReadHoldingRegisters(slave, start, count), words, count);
                    default:
                        return CopyInto(_client.ReadInputRegisters(slave, start, count), words, count);
                }
            }
            catch (ArgumentException)
            {
                throw; // a bad address or count is the caller's bug, not the slave's answer
            }
            catch (Exception slaveException)
            {
                exceptionCode = TrailingCode(slaveException.Message);
                return ModbusStatus.SlaveException;
            }
        }

        private static ModbusStatus CopyInto(short[] words, ushort[] into, ushort count)
        {
            if (words == null)
                return ModbusStatus.Timeout;
            for (var i = 0; i < count; i++)
                into[i] = (ushort)words[i];
            return ModbusStatus.Ok;
        }

        /// <returns>the number the message ends with, 0 when it ends otherwise</returns>
        private static byte TrailingCode(string message)
        {
            var code = 0;
            var scale = 1;
            for (var i = message.Length - 1; i >= 0 && message[i] >= '0' && message[i] <= '9' && scale <= 100; i--)
            {
                code += (message[i] - '0') * scale;
                scale *= 10;
            }
            return code > 255 ? (byte)0 : (byte)code;
        }
    }
}
