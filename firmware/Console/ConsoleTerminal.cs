using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// The console thread's half of the console: sends the replies of the output ring to the port, edits the bytes
    /// typed into lines and hands each finished line to the control thread. While a reply is pending it reads nothing
    /// (type-ahead waits in the port's buffer), so echo never interleaves with a reply. A line typed at a PIN prompt is
    /// hashed here and only its digest is handed over. Nothing is shared with the control thread but the two rings and
    /// the salt and factory PIN, both fixed for the run. Allocates nothing after construction.
    /// </summary>
    public sealed class ConsoleTerminal
    {
        private const int ChunkBytes = 64;

        private readonly IByteStream _port;
        private readonly ConsoleLineRing _lines;
        private readonly ByteRing _output;
        private readonly PinHasher _hasher;
        private readonly byte[] _factoryPin;
        private readonly LineEditor _editor = new LineEditor();
        private readonly ConsoleLine _line = new ConsoleLine();
        private readonly byte[] _in = new byte[ChunkBytes];
        private readonly byte[] _out = new byte[ChunkBytes];
        private int _inAt;
        private int _inLength;
        private bool _replyPending = true; // the shell's first prompt
        private bool _handOverPending;
        private bool _secret;

        public ConsoleTerminal(IByteStream port, ConsoleLineRing lines, ByteRing output, byte[] salt, string factoryPin)
        {
            _port = port;
            _lines = lines;
            _output = output;
            _hasher = new PinHasher(salt);
            _factoryPin = new byte[factoryPin.Length];
            for (var i = 0; i < factoryPin.Length; i++)
                _factoryPin[i] = (byte)factoryPin[i];
        }

        /// <summary>Input read but not yet handled, or a reply still awaited: the console thread should pass again soon.</summary>
        public bool Busy => _replyPending || _handOverPending || _inAt < _inLength;

        /// <summary>One pass of the console thread: output first, then input until a line is handed over.</summary>
        public void Pump()
        {
            SendOutput();
            if (_handOverPending)
                HandOver();
            while (!_replyPending && !_handOverPending)
            {
                if (_inAt == _inLength)
                {
                    _inAt = 0;
                    _inLength = _port.Read(_in, 0, ChunkBytes);
                    if (_inLength == 0)
                        return;
                }
                var outcome = _editor.Feed(_in[_inAt++]);
                if (_editor.EchoLength > 0)
                    _port.Write(_editor.EchoBytes, 0, _editor.EchoLength);
                if (outcome == LineEditor.Done)
                {
                    _editor.TakeLine(_line);
                    if (_secret && _line.Kind == ConsoleLine.KindText)
                        Conceal();
                    HandOver();
                }
                else if (outcome == LineEditor.Cancelled)
                {
                    _line.Kind = ConsoleLine.KindCancelled;
                    _line.Length = 0;
                    HandOver();
                }
            }
        }

        private void SendOutput()
        {
            int count;
            while ((count = _output.Take(_out, 0, ChunkBytes)) > 0)
            {
                var from = 0;
                for (var i = 0; i < count; i++)
                {
                    if (!ReadyMarker.Is(_out[i]))
                        continue;
                    if (i > from)
                        _port.Write(_out, from, i - from);
                    from = i + 1;
                    _secret = (_out[i] & ReadyMarker.Secret) != 0;
                    _editor.Mask = _secret;
                    _editor.Echo = (_out[i] & ReadyMarker.Quiet) == 0;
                    _replyPending = false;
                }
                if (count > from)
                    _port.Write(_out, from, count - from);
            }
        }

        private void HandOver()
        {
            _handOverPending = !_lines.TryPut(_line);
            if (_handOverPending)
                return;
            _replyPending = true;
            if (_line.Kind == ConsoleLine.KindSecret)
                System.Array.Clear(_line.Digest, 0, Sha256.DigestBytes);
        }

        /// <summary>Replaces the PIN by its digest and shape, and wipes it.</summary>
        private void Conceal()
        {
            _line.Kind = ConsoleLine.KindSecret;
            _line.Shape = !PinHasher.WellFormed(_line.Text, _line.Length) ? ConsoleLine.ShapeMalformed
                : IsFactoryPin() ? ConsoleLine.ShapeFactory : ConsoleLine.ShapeWellFormed;
            _hasher.Hash(_line.Text, _line.Length, _line.Digest);
            System.Array.Clear(_line.Text, 0, ConsoleLine.MaxChars);
            _line.Length = 0;
        }

        private bool IsFactoryPin()
        {
            if (_line.Length != _factoryPin.Length)
                return false;
            for (var i = 0; i < _factoryPin.Length; i++)
                if (_line.Text[i] != _factoryPin[i])
                    return false;
            return true;
        }
    }
}
