using System.IO.Ports;
using ChargeController.Hal;

namespace ChargeController.Esp32.Serial
{
    /// <summary>
    /// The technician console on an open UART (COM2, 115200 8N1). A read takes only what the driver has buffered, so it never
    /// waits (the port's Read would, and then throw TimeoutException); what is not read stays in the driver's buffer.
    /// </summary>
    public sealed class Esp32ConsoleStream : IByteStream
    {
        private readonly SerialPort _port;

        public Esp32ConsoleStream(SerialPort port) => _port = port;

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
