using System.IO.Ports;
using ChargeController.Esp32.Board;
using ChargeController.Hal;
using nanoFramework.Hardware.Esp32;

namespace ChargeController.Esp32.Console
{
    /// <summary>
    /// The technician console on COM2 (UART1, 115200 8N1, TX GPIO 5, RX GPIO 35, 3.3 V levels): reads only what has
    /// arrived, so the console thread never waits on a silent line; typed bytes wait in the UART driver's buffer.
    /// </summary>
    public sealed class Esp32ConsolePort : IByteStream
    {
        private readonly SerialPort _port;

        public Esp32ConsolePort()
        {
            Configuration.SetPinFunction(ReferenceBoard.ConsoleTxGpio, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(ReferenceBoard.ConsoleRxGpio, DeviceFunction.COM2_RX);
            _port = new SerialPort(ReferenceBoard.ConsolePort, ReferenceBoard.ConsoleBaud, Parity.None, 8, StopBits.One);
            _port.Open();
        }

        public int Read(byte[] into, int offset, int count)
        {
            var waiting = _port.BytesToRead;
            if (waiting == 0)
                return 0;
            return _port.Read(into, offset, waiting < count ? waiting : count);
        }

        public void Write(byte[] data, int offset, int count) => _port.Write(data, offset, count);
    }
}
