namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// Compact JSON, UTF-8, written straight into one preallocated byte buffer: no reflection, no strings built, nothing
    /// allocated per message (nanoFramework.Json is reflection-based and runs out of heap under repeated messages).
    /// Numbers are integers or fixed-point decimals of integer units; times are ISO-8601 UTC from Unix seconds.
    /// A message that does not fit is not cut into invalid JSON: the writer stops, <see cref="Overflowed"/> is set and
    /// the caller drops or counts the message. Nesting is limited to <see cref="MaxDepth"/>.
    /// </summary>
    public sealed class JsonWriter
    {
        public const int MaxDepth = 8;
        private const string Hex = "0123456789abcdef";

        private byte[] _buffer;
        private readonly bool[] _hasMember = new bool[MaxDepth];
        private readonly byte[] _digits = new byte[20];
        private int _length;
        private int _depth;
        private bool _afterName;

        public JsonWriter(int capacityBytes)
            : this(new byte[capacityBytes])
        {
        }

        /// <summary>A writer into <paramref name="buffer"/>, which it does not own (a ring's slot, see <see cref="Into"/>).</summary>
        public JsonWriter(byte[] buffer)
        {
            _buffer = buffer;
        }

        /// <summary>The message so far; bytes 0 to <see cref="Length"/> - 1 are valid.</summary>
        public byte[] Buffer => _buffer;
        public int Length => _length;
        public int Capacity => _buffer.Length;
        /// <summary>Something did not fit (or nesting went too deep): the buffer does not hold a whole message.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>
        /// Starts a new message in <paramref name="buffer"/> instead: a message written straight into the slot of the ring
        /// that hands it over needs no buffer of its own and no copy.
        /// </summary>
        public JsonWriter Into(byte[] buffer)
        {
            _buffer = buffer;
            return Reset();
        }

        public JsonWriter Reset()
        {
            _length = 0;
            _depth = 0;
            _afterName = false;
            Overflowed = false;
            return this;
        }

        // ---- structure ----

        public JsonWriter BeginObject() => Open('{');
        public JsonWriter EndObject() => Close('}');
        public JsonWriter BeginArray() => Open('[');
        public JsonWriter EndArray() => Close(']');

        /// <summary>Starts a member of the current object: the comma when needed, the quoted name and the colon.</summary>
        public JsonWriter Name(string name)
        {
            Separate();
            Quoted(name);
            Byte((byte)':');
            _afterName = true;
            return this;
        }

        public JsonWriter BeginObject(string name) => Name(name).Open('{');
        public JsonWriter BeginArray(string name) => Name(name).Open('[');

        // ---- values (an array element, or after Name) ----

        public JsonWriter String(string value)
        {
            SeparateValue();
            return Quoted(value);
        }

        /// <summary>A string already in UTF-8 (read from the journal in place): quotes, backslashes and control characters escaped.</summary>
        public JsonWriter String(byte[] utf8, int offset, int count)
        {
            SeparateValue();
            Byte((byte)'"');
            for (var i = offset; i < offset + count; i++)
            {
                var b = utf8[i];
                if (b == '"' || b == '\\')
                    Byte((byte)'\\').Byte(b);
                else if (b < ' ')
                    Escaped((char)b);
                else
                    Byte(b);
            }
            return Byte((byte)'"');
        }

        public JsonWriter Integer(long value)
        {
            SeparateValue();
            return Digits(value);
        }

        public JsonWriter Bool(bool value)
        {
            SeparateValue();
            return Ascii(value ? "true" : "false");
        }

        /// <summary>
        /// An integer count of small units as a decimal number: (230512, 3) is 230.512, (-5, 1) is -0.5, (16, 0) is 16.
        /// All <paramref name="decimals"/> digits are written, so the precision shows.
        /// </summary>
        public JsonWriter Fixed(long value, int decimals)
        {
            SeparateValue();
            if (value < 0)
            {
                Byte((byte)'-');
                value = -value; // long.MinValue stays negative: no physical quantity here comes near it
            }
            long scale = 1;
            for (var i = 0; i < decimals; i++)
                scale *= 10;
            Digits(value / scale);
            if (decimals == 0)
                return this;
            Byte((byte)'.');
            var fraction = value % scale;
            for (var divisor = scale / 10; divisor > 0; divisor /= 10)
                Byte((byte)('0' + (int)(fraction / divisor % 10)));
            return this;
        }

        /// <summary>UTC time as ISO-8601 to the second, e.g. "2026-11-28T10:36:16Z"; <paramref name="unixS"/> must not be negative.</summary>
        public JsonWriter UtcTime(long unixS)
        {
            SeparateValue();
            int year, month, day;
            UtcCalendar.DateOf(unixS, out year, out month, out day);
            var secondOfDay = (int)(unixS % UtcCalendar.SecondsPerDay);
            Byte((byte)'"');
            Padded(year, 4).Byte((byte)'-').Padded(month, 2).Byte((byte)'-').Padded(day, 2).Byte((byte)'T');
            Padded(secondOfDay / 3600, 2).Byte((byte)':').Padded(secondOfDay / 60 % 60, 2).Byte((byte)':').Padded(secondOfDay % 60, 2);
            return Ascii("Z\"");
        }

        // ---- members: name and value in one call ----

        public JsonWriter String(string name, string value) => Name(name).String(value);
        public JsonWriter Integer(string name, long value) => Name(name).Integer(value);
        public JsonWriter String(string name, byte[] utf8, int offset, int count) => Name(name).String(utf8, offset, count);
        public JsonWriter Bool(string name, bool value) => Name(name).Bool(value);
        public JsonWriter Fixed(string name, long value, int decimals) => Name(name).Fixed(value, decimals);
        public JsonWriter UtcTime(string name, long unixS) => Name(name).UtcTime(unixS);

        // ---- the bytes ----

        private JsonWriter Open(char bracket)
        {
            SeparateValue();
            Byte((byte)bracket);
            if (_depth == MaxDepth)
            {
                Overflowed = true;
                return this;
            }
            _hasMember[_depth++] = false;
            return this;
        }

        private JsonWriter Close(char bracket)
        {
            if (_depth > 0)
                _depth--;
            return Byte((byte)bracket);
        }

        /// <summary>Before a member name: a comma unless it is the first of its object.</summary>
        private void Separate()
        {
            if (_depth == 0)
                return;
            if (_hasMember[_depth - 1])
                Byte((byte)',');
            _hasMember[_depth - 1] = true;
        }

        /// <summary>Before a value: a comma between array elements; after a name the colon is the separator.</summary>
        private void SeparateValue()
        {
            if (_afterName)
                _afterName = false;
            else
                Separate();
        }

        private JsonWriter Quoted(string text)
        {
            Byte((byte)'"');
            var n = text.Length;
            for (var i = 0; i < n; i++)
            {
                var c = text[i];
                if (c == '"' || c == '\\')
                    Byte((byte)'\\').Byte((byte)c);
                else if (c >= ' ' && c < 0x80)
                    Byte((byte)c);
                else if (c < ' ')
                    Escaped(c);
                else if (c < 0x800)
                    Byte((byte)(0xC0 | (c >> 6))).Byte((byte)(0x80 | (c & 0x3F)));
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                    Supplementary(0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00));
                else if (c >= 0xD800 && c <= 0xDFFF)
                    Utf8ThreeBytes(0xFFFD); // a lone surrogate is not text: the replacement character keeps the output valid UTF-8
                else
                    Utf8ThreeBytes(c);
            }
            return Byte((byte)'"');
        }

        private void Escaped(char c)
        {
            Byte((byte)'\\');
            switch (c)
            {
                case '\n': Byte((byte)'n'); break;
                case '\r': Byte((byte)'r'); break;
                case '\t': Byte((byte)'t'); break;
                case '\b': Byte((byte)'b'); break;
                case '\f': Byte((byte)'f'); break;
                default: Ascii("u00").Byte((byte)Hex[c >> 4]).Byte((byte)Hex[c & 0xF]); break;
            }
        }

        private void Utf8ThreeBytes(int c)
        {
            Byte((byte)(0xE0 | (c >> 12))).Byte((byte)(0x80 | ((c >> 6) & 0x3F))).Byte((byte)(0x80 | (c & 0x3F)));
        }

        private void Supplementary(int codePoint)
        {
            Byte((byte)(0xF0 | (codePoint >> 18))).Byte((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
            Byte((byte)(0x80 | ((codePoint >> 6) & 0x3F))).Byte((byte)(0x80 | (codePoint & 0x3F)));
        }

        private JsonWriter Digits(long value)
        {
            if (value < 0)
            {
                Byte((byte)'-');
                if (value == long.MinValue)
                    return Ascii("9223372036854775808");
                value = -value;
            }
            var n = 0;
            do
            {
                _digits[n++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            } while (value > 0);
            while (n > 0)
                Byte(_digits[--n]);
            return this;
        }

        private JsonWriter Padded(int value, int width)
        {
            for (var divisor = width == 4 ? 1000 : 10; divisor > 0; divisor /= 10)
                Byte((byte)('0' + value / divisor % 10));
            return this;
        }

        private JsonWriter Ascii(string text)
        {
            for (var i = 0; i < text.Length; i++)
                Byte((byte)text[i]);
            return this;
        }

        private JsonWriter Byte(byte b)
        {
            if (_length == _buffer.Length)
            {
                Overflowed = true;
                return this;
            }
            _buffer[_length++] = b;
            return this;
        }
    }
}
