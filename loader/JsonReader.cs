namespace ChargeController.Loader
{
    /// <summary>
    /// A strict, bounded JSON reader for commands: it checks a whole UTF-8 document of at most <see cref="MaxBytes"/>
    /// bytes in one pass and records its values as tokens in preallocated arrays, then answers questions about them
    /// (a member by name, an integer, a string compared in place). Parsing allocates nothing; only <see cref="String"/>
    /// allocates, for a value the command keeps. No reflection, no nanoFramework.Json.
    ///
    /// Stricter than RFC 8259, on purpose: the document is an object; at most <see cref="MaxDepth"/> levels and
    /// <see cref="MaxTokens"/> values; member names are 1 to <see cref="MaxNameBytes"/> printable ASCII characters
    /// without escapes and never repeat within an object; numbers have no exponent and at most
    /// <see cref="MaxNumberChars"/> characters; strings are valid UTF-8 with valid escapes (surrogates in pairs);
    /// nothing but whitespace follows the document.
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>2 KB: a fleet-list chunk of 64 id tags of 20 characters fits with room to spare.</summary>
        // The error texts give these numbers themselves (a constant's name means nothing to the platform); a test keeps them equal.
        public const int MaxBytes = 2048;
        public const int MaxTokens = 192;
        public const int MaxDepth = 4;
        public const int MaxNameBytes = 32;
        public const int MaxNumberChars = 18;

        private readonly byte[] _kind = new byte[MaxTokens];
        // offsets below MaxBytes and token indexes below MaxTokens fit a short: half the heap of ints (1.5 KB less)
        private readonly short[] _start = new short[MaxTokens];
        private readonly short[] _end = new short[MaxTokens];
        /// <summary>The token after this one's whole subtree: the next sibling, or past the parent's last child.</summary>
        private readonly short[] _after = new short[MaxTokens];
        private readonly short[] _parent = new short[MaxTokens];
        private byte[] _json;
        private int _length;
        private int _pos;
        private int _count;

        /// <summary>Why the last document was refused, or null.</summary>
        public string Error { get; private set; }
        /// <summary>The byte offset where the last document went wrong.</summary>
        public int ErrorAt { get; private set; }

        /// <summary>The root object's token; valid after a successful <see cref="Parse"/>.</summary>
        public const int Root = 0;

        /// <returns>true when <paramref name="length"/> bytes of <paramref name="json"/> are one acceptable document</returns>
        public bool Parse(byte[] json, int length)
        {
            _json = json;
            _length = length;
            _pos = 0;
            _count = 0;
            Error = null;
            if (length > MaxBytes || length > json.Length)
                return Fail("the command is longer than 2048 bytes");
            SkipSpace();
            if (_pos >= _length || _json[_pos] != '{')
                return Fail("not a JSON object");
            if (!Value(-1, 1))
                return false;
            SkipSpace();
            if (_pos != _length)
                return Fail("text follows the object");
            return true;
        }

        public JsonKind Kind(int token) => (JsonKind)_kind[token];

        /// <summary>The value of member <paramref name="name"/> of object <paramref name="obj"/>, or -1.</summary>
        public int Member(int obj, string name)
        {
            if (obj < 0 || Kind(obj) != JsonKind.Object)
                return -1;
            for (var t = obj + 1; t < _after[obj]; t = _after[t + 1])
                if (SameName(t, name))
                    return t + 1;
            return -1;
        }

        /// <summary>Members of an object: the first name token, or -1; the value is the token after the name.</summary>
        public int FirstName(int obj) => Kind(obj) == JsonKind.Object && obj + 1 < _after[obj] ? obj + 1 : -1;

        public int NextName(int name)
        {
            var next = _after[name + 1];
            return next < _after[_parent[name]] ? next : -1;
        }

        /// <summary>Is the name token <paramref name="name"/> one of <paramref name="allowed"/>.</summary>
        public bool NameIn(int name, string[] allowed)
        {
            for (var i = 0; i < allowed.Length; i++)
                if (SameName(name, allowed[i]))
                    return true;
            return false;
        }

        public int Count(int container)
        {
            var n = 0;
            for (var t = container + 1; t < _after[container]; t = _after[t])
                n++;
            return Kind(container) == JsonKind.Object ? n / 2 : n;
        }

        /// <summary>Array elements: the first, or -1.</summary>
        public int First(int array) => array + 1 < _after[array] ? array + 1 : -1;

        public int Next(int element)
        {
            var next = _after[element];
            return next < _after[_parent[element]] ? next : -1;
        }

        /// <summary>An integer number within int's range (7.0 included); false for anything else (a fraction, a string, too big).</summary>
        public bool TryInt(int token, out int value)
        {
            long wide;
            value = 0;
            if (!TryFixed(token, 0, out wide) || wide < int.MinValue || wide > int.MaxValue)
                return false;
            value = (int)wide;
            return true;
        }

        /// <summary>
        /// A number as an integer count of 10^-<paramref name="decimals"/> units: 7.5 with 3 decimals is 7500, 7.0 with 0 is 7.
        /// False for a nonzero digit past that many decimals (nothing is rounded away) or anything that is not a number.
        /// </summary>
        public bool TryFixed(int token, int decimals, out long value)
        {
            value = 0;
            if (token < 0 || Kind(token) != JsonKind.Number)
                return false;
            int i = _start[token];
            var negative = _json[i] == '-';
            if (negative)
                i++;
            var fractionDigits = -1;
            for (; i < _end[token]; i++)
            {
                var c = _json[i];
                if (c == '.')
                {
                    fractionDigits = 0;
                    continue;
                }
                if (fractionDigits >= 0 && ++fractionDigits > decimals)
                {
                    if (c != '0')
                        return false; // nothing is rounded away
                    continue; // 7.0 is the integer 7, as JSON Schema's "integer" has it
                }
                value = value * 10 + (c - '0'); // at most 18 digits (MaxNumberChars): no overflow
            }
            for (var d = fractionDigits < 0 ? 0 : fractionDigits; d < decimals; d++)
            {
                if (value > long.MaxValue / 10)
                    return false;
                value *= 10;
            }
            if (negative)
                value = -value;
            return true;
        }

        public bool IsTrue(int token) => token >= 0 && Kind(token) == JsonKind.True;

        /// <summary>Compares a string value with <paramref name="text"/> without allocating (escapes are decoded).</summary>
        public bool StringEquals(int token, string text)
        {
            if (token < 0 || Kind(token) != JsonKind.String)
                return false;
            var n = 0;
            int i = _start[token];
            while (i < _end[token])
            {
                int unit;
                i = NextUnit(i, out unit, out int second);
                if (n >= text.Length || text[n++] != unit)
                    return false;
                if (second >= 0 && (n >= text.Length || text[n++] != second))
                    return false;
            }
            return n == text.Length;
        }

        /// <summary>Length of a string value in UTF-16 code units (as a .NET string would hold it).</summary>
        public int StringLength(int token)
        {
            var n = 0;
            for (int i = _start[token]; i < _end[token];)
            {
                i = NextUnit(i, out int unit, out int second);
                n += second >= 0 ? 2 : 1;
            }
            return n;
        }

        /// <summary>The string value, decoded; allocates: only for what the command keeps.</summary>
        public string String(int token)
        {
            var chars = new char[StringLength(token)];
            var n = 0;
            for (int i = _start[token]; i < _end[token];)
            {
                i = NextUnit(i, out int unit, out int second);
                chars[n++] = (char)unit;
                if (second >= 0)
                    chars[n++] = (char)second;
            }
            return new string(chars);
        }

        /// <summary>The raw bytes of a string value (between its quotes), for callers that copy them.</summary>
        public int RawStart(int token) => _start[token];
        public int RawLength(int token) => _end[token] - _start[token];
        public byte[] Buffer => _json;

        // ---- decoding a checked string: one UTF-16 unit (or a surrogate pair) at a time ----

        private int NextUnit(int i, out int unit, out int second)
        {
            second = -1;
            var b = _json[i];
            if (b == '\\')
            {
                var e = _json[i + 1];
                if (e != 'u')
                {
                    unit = Unescaped(e);
                    return i + 2;
                }
                unit = Hex4(i + 2);
                return i + 6;
            }
            if (b < 0x80)
            {
                unit = b;
                return i + 1;
            }
            if (b < 0xE0)
            {
                unit = ((b & 0x1F) << 6) | (_json[i + 1] & 0x3F);
                return i + 2;
            }
            if (b < 0xF0)
            {
                unit = ((b & 0x0F) << 12) | ((_json[i + 1] & 0x3F) << 6) | (_json[i + 2] & 0x3F);
                return i + 3;
            }
            var codePoint = ((b & 0x07) << 18) | ((_json[i + 1] & 0x3F) << 12) | ((_json[i + 2] & 0x3F) << 6) | (_json[i + 3] & 0x3F);
            codePoint -= 0x10000;
            unit = 0xD800 + (codePoint >> 10);
            second = 0xDC00 + (codePoint & 0x3FF);
            return i + 4;
        }

        private static int Unescaped(byte e)
        {
            switch (e)
            {
                case (byte)'b': return '\b';
                case (byte)'f': return '\f';
                case (byte)'n': return '\n';
                case (byte)'r': return '\r';
                case (byte)'t': return '\t';
                default: return e; // " \ /
            }
        }

        private int Hex4(int i)
        {
            var v = 0;
            for (var k = 0; k < 4; k++)
                v = (v << 4) | HexDigit(_json[i + k]);
            return v;
        }

        private static int HexDigit(byte c)
        {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
            return -1;
        }

        private bool SameName(int name, string text)
        {
            var length = _end[name] - _start[name];
            if (length != text.Length)
                return false;
            for (var i = 0; i < length; i++)
                if (_json[_start[name] + i] != text[i])
                    return false;
            return true;
        }

        private bool SameNames(int a, int b)
        {
            var length = _end[a] - _start[a];
            if (length != _end[b] - _start[b])
                return false;
            for (var i = 0; i < length; i++)
                if (_json[_start[a] + i] != _json[_start[b] + i])
                    return false;
            return true;
        }

        // ---- checking the document ----

        /// <summary>Messages are constants, so a refused document allocates nothing either; <see cref="ErrorAt"/> says where.</summary>
        private bool Fail(string why)
        {
            if (Error == null)
            {
                Error = why;
                ErrorAt = _pos;
            }
            return false;
        }

        private void SkipSpace()
        {
            while (_pos < _length)
            {
                var c = _json[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    return;
                _pos++;
            }
        }

        private int NewToken(JsonKind kind, int parent)
        {
            if (_count == MaxTokens)
                return -1;
            var t = _count++;
            _kind[t] = (byte)kind;
            _parent[t] = (short)parent;
            _start[t] = (short)_pos;
            return t;
        }

        private bool Value(int parent, int depth)
        {
            if (_pos >= _length)
                return Fail("the document ends early");
            var c = _json[_pos];
            switch (c)
            {
                case (byte)'{': return Container(JsonKind.Object, parent, depth);
                case (byte)'[': return Container(JsonKind.Array, parent, depth);
                case (byte)'"': return StringToken(parent, false);
                case (byte)'t': return Literal(JsonKind.True, "true", parent);
                case (byte)'f': return Literal(JsonKind.False, "false", parent);
                case (byte)'n': return Literal(JsonKind.Null, "null", parent);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                        return Number(parent);
                    return Fail("unexpected character");
            }
        }

        private bool Container(JsonKind kind, int parent, int depth)
        {
            if (depth > MaxDepth)
                return Fail("nested deeper than 4 levels");
            var t = NewToken(kind, parent);
            if (t < 0)
                return Fail("more than 192 values");
            var close = kind == JsonKind.Object ? '}' : ']';
            _pos++;
            SkipSpace();
            if (_pos < _length && _json[_pos] == close)
            {
                _pos++;
                return Close(t);
            }
            while (true)
            {
                if (kind == JsonKind.Object && !MemberName(t))
                    return false;
                if (!Value(t, depth + 1))
                    return false;
                SkipSpace();
                if (_pos >= _length)
                    return Fail("the document ends early");
                var c = _json[_pos++];
                if (c == close)
                    return Close(t);
                if (c != ',')
                    return Fail("expected a comma or the closing bracket");
                SkipSpace();
            }
        }

        private bool Close(int t)
        {
            _end[t] = (short)_pos;
            _after[t] = (short)_count;
            return true;
        }

        private bool MemberName(int obj)
        {
            if (_pos >= _length || _json[_pos] != '"')
                return Fail("expected a member name");
            if (!StringToken(obj, true))
                return false;
            var name = _count - 1;
            for (var other = obj + 1; other < name; other = _after[other + 1])
                if (SameNames(other, name))
                    return Fail("a member name appears twice in one object");
            SkipSpace();
            if (_pos >= _length || _json[_pos] != ':')
                return Fail("expected a colon after a member name");
            _pos++;
            SkipSpace();
            return true;
        }

        private bool StringToken(int parent, bool isName)
        {
            var t = NewToken(JsonKind.String, parent);
            if (t < 0)
                return Fail("more than 192 values");
            _pos++;
            _start[t] = (short)_pos;
            while (true)
            {
                if (_pos >= _length)
                    return Fail("a string is not closed");
                var b = _json[_pos];
                if (b == '"')
                    break;
                if (isName && (b < 0x20 || b > 0x7E || b == '\\'))
                    return Fail("member names are printable ASCII without escapes");
                if (b < 0x20)
                    return Fail("control character in a string");
                var ok = b == '\\' ? Escape() : b < 0x80 ? Advance(1) : Utf8Sequence(b);
                if (!ok)
                    return false;
            }
            _end[t] = (short)_pos;
            _pos++;
            _after[t] = (short)_count;
            if (isName && (_end[t] == _start[t] || _end[t] - _start[t] > MaxNameBytes))
                return Fail("member names are 1 to 32 characters");
            return true;
        }

        private bool Advance(int n)
        {
            _pos += n;
            return true;
        }

        private bool Escape()
        {
            if (_pos + 1 >= _length)
                return Fail("a string is not closed");
            var e = _json[_pos + 1];
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                return Advance(2);
            if (e != 'u')
                return Fail("invalid escape in a string");
            var unit = EscapedUnit(_pos);
            if (unit < 0)
                return Fail("invalid \\u escape in a string");
            if (unit >= 0xDC00 && unit <= 0xDFFF)
                return Fail("lone low surrogate in a string");
            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                var low = _pos + 6 < _length && _json[_pos + 6] == '\\' ? EscapedUnit(_pos + 6) : -1;
                if (low < 0xDC00 || low > 0xDFFF)
                    return Fail("lone high surrogate in a string");
                return Advance(12);
            }
            return Advance(6);
        }

        /// <summary>The unit of a \uXXXX escape at <paramref name="i"/>, or -1 when it is not one.</summary>
        private int EscapedUnit(int i)
        {
            if (i + 6 > _length || _json[i + 1] != 'u')
                return -1;
            var v = 0;
            for (var k = 2; k < 6; k++)
            {
                var d = HexDigit(_json[i + k]);
                if (d < 0)
                    return -1;
                v = (v << 4) | d;
            }
            return v;
        }

        /// <summary>One multi-byte UTF-8 character: shortest form, no surrogates, at most U+10FFFF.</summary>
        private bool Utf8Sequence(byte lead)
        {
            int n, min;
            if (lead >= 0xC2 && lead <= 0xDF) { n = 2; min = 0x80; }
            else if (lead >= 0xE0 && lead <= 0xEF) { n = 3; min = 0x800; }
            else if (lead >= 0xF0 && lead <= 0xF4) { n = 4; min = 0x10000; }
            else return Fail("invalid UTF-8");
            if (_pos + n > _length)
                return Fail("invalid UTF-8");
            var codePoint = lead & (0x7F >> n);
            for (var k = 1; k < n; k++)
            {
                var b = _json[_pos + k];
                if ((b & 0xC0) != 0x80)
                    return Fail("invalid UTF-8");
                codePoint = (codePoint << 6) | (b & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                return Fail("invalid UTF-8");
            return Advance(n);
        }

        private bool Literal(JsonKind kind, string text, int parent)
        {
            if (_pos + text.Length > _length)
                return Fail("unexpected character");
            for (var i = 0; i < text.Length; i++)
                if (_json[_pos + i] != text[i])
                    return Fail("unexpected character");
            var t = NewToken(kind, parent);
            if (t < 0)
                return Fail("more than 192 values");
            _pos += text.Length;
            _end[t] = (short)_pos;
            _after[t] = (short)_count;
            return true;
        }

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)? : JSON's grammar without the exponent.</summary>
        private bool Number(int parent)
        {
            var start = _pos;
            var i = _pos;
            if (_json[i] == '-')
                i++;
            if (i >= _length || _json[i] < '0' || _json[i] > '9')
                return Fail("invalid number");
            if (_json[i] == '0')
                i++;
            else
                while (i < _length && _json[i] >= '0' && _json[i] <= '9')
                    i++;
            if (i < _length && _json[i] == '.')
            {
                i++;
                var digits = i;
                while (i < _length && _json[i] >= '0' && _json[i] <= '9')
                    i++;
                if (i == digits)
                    return Fail("invalid number");
            }
            if (i < _length && (_json[i] == 'e' || _json[i] == 'E'))
                return Fail("numbers with an exponent are not accepted");
            if (i < _length && _json[i] >= '0' && _json[i] <= '9')
                return Fail("invalid number"); // a leading zero followed by digits
            if (i - start > MaxNumberChars)
                return Fail("number longer than 18 characters");
            var t = NewToken(JsonKind.Number, parent);
            if (t < 0)
                return Fail("more than 192 values");
            _pos = i;
            _end[t] = (short)_pos;
            _after[t] = (short)_count;
            return true;
        }
    }
}
