namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// Builds one line of text in a reused buffer. nanoFramework's mscorlib has no StringBuilder, and string
    /// concatenation would allocate for every field; this allocates only the finished line.
    /// </summary>
    public sealed class LineBuilder
    {
        private char[] _buffer = new char[256];
        private int _length;

        public LineBuilder Clear()
        {
            _length = 0;
            return this;
        }

        public LineBuilder Append(char c)
        {
            if (_length == _buffer.Length)
                Grow();
            _buffer[_length++] = c;
            return this;
        }

        public LineBuilder Append(string text)
        {
            for (var i = 0; i < text.Length; i++)
                Append(text[i]);
            return this;
        }

        public LineBuilder Append(long value)
        {
            if (value < 0)
            {
                Append('-');
                if (value == long.MinValue)
                    return Append("9223372036854775808");
                value = -value;
            }
            var start = _length;
            do
            {
                Append((char)('0' + (int)(value % 10)));
                value /= 10;
            } while (value > 0);
            for (int i = start, j = _length - 1; i < j; i++, j--)
            {
                var swap = _buffer[i];
                _buffer[i] = _buffer[j];
                _buffer[j] = swap;
            }
            return this;
        }

        /// <summary>
        /// Appends an integer in small units as a decimal number: (12340, 3) is "12.340", (266, 1) is "26.6".
        /// Fixed point keeps floating point (and its device-dependent digits) out of text.
        /// </summary>
        public LineBuilder AppendFixed(long value, int decimals)
        {
            if (value < 0)
            {
                Append('-');
                value = -value;
            }
            long scale = 1;
            for (var i = 0; i < decimals; i++)
                scale *= 10;
            Append(value / scale).Append('.');
            var fraction = value % scale;
            for (var divisor = scale / 10; divisor > 0; divisor /= 10)
                Append((char)('0' + (int)(fraction / divisor % 10)));
            return this;
        }

        /// <summary>Appends a JSON string literal, quotes and escapes included.</summary>
        public LineBuilder AppendJsonString(string text)
        {
            Append('"');
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"' || c == '\\')
                    Append('\\').Append(c);
                else if (c < ' ')
                    AppendUnicodeEscape(c);
                else
                    Append(c);
            }
            return Append('"');
        }

        /// <summary>UTF-8 bytes as text (an MQTT payload in the trace); a malformed sequence becomes U+FFFD.</summary>
        public LineBuilder AppendUtf8(byte[] bytes, int count)
        {
            for (var i = 0; i < count; i++)
            {
                int b = bytes[i];
                if (b < 0x80)
                    Append((char)b);
                else if ((b & 0xE0) == 0xC0 && i + 1 < count)
                    Append((char)(((b & 0x1F) << 6) | (bytes[++i] & 0x3F)));
                else if ((b & 0xF0) == 0xE0 && i + 2 < count)
                {
                    Append((char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                    i += 2;
                }
                else
                    Append('\uFFFD');
            }
            return this;
        }

        public override string ToString() => new string(_buffer, 0, _length);

        private void AppendUnicodeEscape(char c)
        {
            const string hex = "0123456789abcdef";
            Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
        }

        private void Grow()
        {
            var bigger = new char[_buffer.Length * 2];
            System.Array.Copy(_buffer, bigger, _length);
            _buffer = bigger;
        }
    }
}
