namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// Line editing as the common terminals (PuTTY, minicom, picocom, screen) send it, one byte at a time: CR, LF or CR LF
    /// ends a line; backspace (0x08) and delete (0x7F) rub out; Ctrl-C cancels the line; other control characters, bytes
    /// above 0x7E and escape sequences (ESC [ ... final byte, ESC O x, ESC x) are swallowed, so only printable ASCII
    /// reaches the parser; a control byte inside a sequence breaks it off and acts (ESC then Enter still ends the line). Characters past <see cref="ConsoleLine.MaxChars"/> are counted, not kept: the line is then
    /// refused whole. Console thread; allocates nothing.
    /// </summary>
    public sealed class LineEditor
    {
        public const int Continue = 0;
        public const int Done = 1;
        public const int Cancelled = 2;

        private const byte CtrlC = 0x03;
        private const byte Backspace = 0x08;
        private const byte Escape = 0x1B;
        private const byte Delete = 0x7F;
        /// <summary>Far past any real line; keeps the count from wrapping on endless input without a line end.</summary>
        private const int TypedCap = 1000000;

        private const int StateText = 0;
        private const int StateEscape = 1;
        private const int StateCsi = 2;
        private const int StateSs3 = 3;

        private readonly byte[] _line = new byte[ConsoleLine.MaxChars];
        private readonly byte[] _echo = new byte[4];
        private int _typed;
        private int _state = StateText;
        private bool _afterCr;

        public bool Echo = true;
        /// <summary>Echo '*' for each character (a PIN is being typed).</summary>
        public bool Mask;

        /// <summary>What to echo for the last byte fed.</summary>
        public byte[] EchoBytes => _echo;
        public int EchoLength { get; private set; }

        /// <returns><see cref="Continue"/>, <see cref="Done"/> (take the line with <see cref="TakeLine"/>) or <see cref="Cancelled"/></returns>
        public int Feed(byte value)
        {
            EchoLength = 0;
            if (_state != StateText && (value < 0x20 || value == Delete))
                _state = StateText; // a control byte breaks a sequence off and acts as typed: a lone ESC must not eat Enter
            switch (_state)
            {
                case StateEscape:
                    _state = value == '[' ? StateCsi : value == 'O' ? StateSs3 : StateText;
                    return Continue;
                case StateCsi:
                    if (value >= 0x40)
                        _state = StateText; // the final byte: the sequence is swallowed whole
                    return Continue;
                case StateSs3:
                    _state = StateText;
                    return Continue;
            }
            var afterCr = _afterCr;
            _afterCr = false;
            if (value == '\n' && afterCr)
                return Continue; // the LF of CR LF
            if (value == '\r' || value == '\n')
            {
                _afterCr = value == '\r';
                Say('\r', '\n');
                return Done;
            }
            if (value == CtrlC)
            {
                Say('^', 'C', '\r', '\n');
                _typed = 0;
                return Cancelled;
            }
            if (value == Escape)
            {
                _state = StateEscape;
                return Continue;
            }
            if (value == Backspace || value == Delete)
            {
                if (_typed > 0)
                {
                    _typed--;
                    Say('\b', ' ', '\b');
                }
                return Continue;
            }
            if (value < 0x20 || value > 0x7E)
                return Continue;
            if (_typed < ConsoleLine.MaxChars)
                _line[_typed] = value;
            if (_typed < TypedCap)
                _typed++;
            Say(Mask ? '*' : (char)value);
            return Continue;
        }

        /// <summary>Hands over the finished line (text, or too long) and starts a new one.</summary>
        public void TakeLine(ConsoleLine into)
        {
            into.Shape = ConsoleLine.ShapeWellFormed;
            if (_typed > ConsoleLine.MaxChars)
            {
                into.Kind = ConsoleLine.KindTooLong;
                into.Length = 0;
            }
            else
            {
                into.Kind = ConsoleLine.KindText;
                into.Length = _typed;
                System.Array.Copy(_line, into.Text, _typed);
            }
            System.Array.Clear(_line, 0, ConsoleLine.MaxChars); // it may have been a PIN
            _typed = 0;
        }

        private void Say(char a) => Say(a, '\0', '\0', '\0', 1);
        private void Say(char a, char b) => Say(a, b, '\0', '\0', 2);
        private void Say(char a, char b, char c) => Say(a, b, c, '\0', 3);
        private void Say(char a, char b, char c, char d) => Say(a, b, c, d, 4);

        private void Say(char a, char b, char c, char d, int count)
        {
            if (!Echo)
                return;
            _echo[0] = (byte)a;
            _echo[1] = (byte)b;
            _echo[2] = (byte)c;
            _echo[3] = (byte)d;
            EchoLength = count;
        }
    }
}
