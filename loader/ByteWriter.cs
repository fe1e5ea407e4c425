namespace ChargeController.Loader
{
    /// <summary>
    /// Writes little-endian integers and length-prefixed UTF-8 strings into a caller's buffer, without allocating
    /// (nanoFramework's mscorlib has no Encoding; strings are encoded here).
    /// </summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer;

        public ByteWriter(byte[] buffer)
        {
            _buffer = buffer;
        }

        public int Position { get; set; }

        /// <summary>Writing went past the end of the buffer: the result is unusable.</summary>
        public bool Overflowed { get; private set; }

        public ByteWriter Reset(byte[] buffer, int position)
        {
            _buffer = buffer;
            Position = position;
            Overflowed = false;
            return this;
        }

        public void PutByte(int value)
        {
            if (Position >= _buffer.Length)
            {
                Overflowed = true;
                return;
            }
            _buffer[Position++] = (byte)value;
        }

        public void PutInt32(int value)
        {
            for (var i = 0; i < 4; i++)
                PutByte(value >> (8 * i));
        }

        public void PutInt64(long value)
        {
            for (var i = 0; i < 8; i++)
                PutByte((int)(value >> (8 * i)));
        }

        /// <summary>A string as UTF-8, after its byte length in one byte: at most 255 bytes (id tags are at most 20 characters).</summary>
        public void PutString(string text) => PutString(text, 256);

        /// <summary>
        /// As <see cref="PutString(string)"/>, but cut before the first character that would take it past
        /// <paramref name="maxBytes"/> (never inside a character): for free text that must not make a record too long.
        /// </summary>
        public void PutString(string text, int maxBytes)
        {
            var lengthAt = Position;
            PutByte(0);
            var start = Position;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (Position - start + bytes > maxBytes)
                    break;
                if (bytes == 1)
                {
                    PutByte(c);
                }
                else if (bytes == 2)
                {
                    PutByte(0xC0 | (c >> 6));
                    PutByte(0x80 | (c & 0x3F));
                }
                else
                {
                    PutByte(0xE0 | (c >> 12));
                    PutByte(0x80 | ((c >> 6) & 0x3F));
                    PutByte(0x80 | (c & 0x3F));
                }
            }
            var length = Position - start;
            if (length > 255)
                Overflowed = true;
            else if (!Overflowed)
                _buffer[lengthAt] = (byte)length;
        }
    }
}
