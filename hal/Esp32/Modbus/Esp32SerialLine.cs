using System.IO.Ports;
using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Esp32.Modbus
{
    /// <summary>
    /// The meter's RS485 line (COM3, the UART's RTS driving the transceiver's DE) under the pile's RTU master. nanoFramework's
    /// SerialPort waits in Read until ReadTimeout and then throws TimeoutException, and its ReadByte allocates a one-byte
    /// array per call; the master waits out a silence before every request, so a timeout is the common case. This line
    /// therefore watches BytesToRead on the clock and reads into its own buffers: a request allocates nothing. The port has
    /// no DiscardInBuffer either: emptying the input reads away what is waiting.
    /// </summary>
    public sealed class Esp32SerialLine : ISerialLine
    {
        private readonly SerialPort _port;
        private readonly IMonotonicClock _clock;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _discarded = new byte[64];

        /// <param name="port">opened half-duplex (<see cref="Open"/>)</param>
        public Esp32SerialLine(SerialPort port, IMonotonicClock clock)
        {
            _port = port;
            _clock = clock;
        }

        /// <summary>
        /// Opens the UART half-duplex, RTS high while sending (what the transceiver's DE needs), set as Iot.Device.Modbus set
        /// it before: RS485 mode with the RequestToSend handshake.
        /// </summary>
        public static SerialPort Open(string portName, int baud, Parity parity)
        {
            var port = new SerialPort(portName, baud, parity, 8, StopBits.One);
            port.Mode = SerialMode.RS485;
            port.Handshake = Handshake.RequestToSend;
            port.Open();
            return port;
        }

        public void Write(byte[] data, int count) => _port.Write(data, 0, count);

        public int ReadByte(int timeoutMs)
        {
            var deadlineMs = _clock.NowMs + timeoutMs;
            while (_port.BytesToRead == 0)
            {
                if (_clock.NowMs >= deadlineMs)
                    return -1;
                Thread.Sleep(1); // a character takes 1 ms at 9600 baud: looking each millisecond loses no time
            }
            _port.Read(_one, 0, 1);
            return _one[0];
        }

        public void DiscardInput()
        {
            int waiting;
            while ((waiting = _port.BytesToRead) > 0)
                _port.Read(_discarded, 0, waiting < _discarded.Length ? waiting : _discarded.Length);
        }
    }
}
