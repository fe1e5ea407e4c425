// Surface of devices/Modbus in nanoframework/nanoFramework.IoT.Device (main at 122ebb1a, 2026-01-08): only the members
// hal/Esp32 uses, signatures as published.
using System;
using System.IO.Ports;

namespace Iot.Device.Modbus
{
    /// <summary>devices/Modbus/Port.cs</summary>
    public abstract class Port : IDisposable
    {
        protected Port(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits, int receivedBytesThreshold = 1,
            SerialMode mode = SerialMode.RS485) => throw null;

        public int ReadTimeout { get => throw null; set => throw null; }
        public void Dispose() => throw null;
    }
}

namespace Iot.Device.Modbus.Client
{
    /// <summary>
    /// devices/Modbus/Client/ModbusClient.cs. Reads return null and writes false on a timeout or a bad CRC (the library
    /// does not tell them apart); a slave's exception reply throws System.Exception "COMn RX: Modbus ErrorCode {code}".
    /// </summary>
    public class ModbusClient : Port
    {
        public ModbusClient(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One,
            SerialMode mode = SerialMode.RS485) : base(portName, baudRate, parity, dataBits, stopBits) => throw null;

        public short[] ReadInputRegisters(byte deviceId, ushort startAddress, ushort count) => throw null;
        public short[] ReadHoldingRegisters(byte deviceId, ushort startAddress, ushort count) => throw null;
        public bool WriteMultipleRegisters(byte deviceId, ushort startAddress, ushort[] values) => throw null;
    }
}
