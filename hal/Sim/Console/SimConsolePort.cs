using ChargeController.Hal;
using ChargeController.Sim.Trace;

namespace ChargeController.Sim.Console
{
    /// <summary>
    /// The simulated pile's console port (COM2 on the device): what is typed waits in a receive buffer until the console
    /// thread reads it; what the console writes goes to the trace a line at a time (a prompt shows with the line typed
    /// after it, as on a terminal) and to the terminal attached, if any (a pseudo-terminal in PileSim).
    /// </summary>
    public sealed class SimConsolePort : IByteStream
    {
        /// <summary>The receive buffer: typing beyond it is refused, as a UART's buffer overflows.</summary>
        public const int ReceiveBytes = 4096;
        /// <summary>
        /// The longest output line the trace shows whole, a longer one is split: as long as the console's reply ring
        /// (PileConsole.OutputBytes), so a reply in `mode json`, one line, is one trace event however long.
        /// </summary>
        public const int LineChars = 4096;

        private readonly IMonotonicClock _clock;
        private readonly IConsoleTrace _trace;
        private readonly byte[] _received = new byte[ReceiveBytes];
        private readonly char[] _line = new char[LineChars];
        private int _receivedAt;
        private int _receivedCount;
        private int _lineLength;

        /// <param name="trace">gets each output line, or null</param>
        public SimConsolePort(IMonotonicClock clock, IConsoleTrace trace)
        {
            _clock = clock;
            _trace = trace;
        }

        /// <summary>Gets every byte the console writes (a terminal attached to the port), or null.</summary>
        public IByteStream Terminal { get; set; }

        /// <summary>Bytes typed and not read yet.</summary>
        public int Waiting => _receivedCount;

        /// <returns>false when the receive buffer cannot take them all (nothing is taken then)</returns>
        public bool Type(byte[] data, int offset, int count)
        {
            if (count > ReceiveBytes - _receivedCount)
                return false;
            for (var i = 0; i < count; i++)
                _received[(_receivedAt + _receivedCount + i) % ReceiveBytes] = data[offset + i];
            _receivedCount += count;
            return true;
        }

        /// <summary>Types a line and Enter (CR, as terminals send it), in UTF-8 as a terminal sends it.</summary>
        public bool TypeLine(string line)
        {
            var bytes = new byte[Utf8Bytes.Count(line) + 1];
            var length = Utf8Bytes.Write(line, bytes, 0);
            bytes[length] = (byte)'\r';
            return Type(bytes, 0, length + 1);
        }

        public int Read(byte[] into, int offset, int count)
        {
            var n = count < _receivedCount ? count : _receivedCount;
            for (var i = 0; i < n; i++)
                into[offset + i] = _received[(_receivedAt + i) % ReceiveBytes];
            _receivedAt = (_receivedAt + n) % ReceiveBytes;
            _receivedCount -= n;
            return n;
        }

        public void Write(byte[] data, int offset, int count)
        {
            if (Terminal != null)
                Terminal.Write(data, offset, count);
            for (var i = offset; i < offset + count; i++)
            {
                var b = data[i];
                if (b == '\n' || _lineLength == LineChars)
                    EndLine();
                if (b >= 0x20 && b < 0x7F)
                    _line[_lineLength++] = (char)b;
                else if (b == 0x08 && _lineLength > 0) // the editor's rub-out: back, blank, back
                    _lineLength--;
            }
        }

        private void EndLine()
        {
            if (_trace != null)
                _trace.ConsoleLine(_clock.NowMs, new string(_line, 0, _lineLength));
            _lineLength = 0;
        }
    }
}
