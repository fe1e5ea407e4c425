namespace ChargeController.Loader
{
    /// <summary>Reads what <see cref="ByteWriter"/> wrote; reading past the end sets <see cref="Failed"/> instead of throwing.</summary>
    public sealed class ByteReader
    {
        private byte[] _buffer;
        private int _end;

        public ByteReader(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            Position = offset;
            _end = offset + count;
        }

        public int Position { get; private set; }
        public bool Failed { get; private set; }
        /// <summary>Nothing is left to read: fields added to a record later are optional, absent in older records.</summary>
        public bool AtEnd => Position >= _end;

        /// <summary>Reads another span, so one reader serves every record (nothing allocated per record).</summary>
        public ByteReader Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            Position = offset;
            _end = offset + count;
            Failed = false;
            return this;
        }

        public int Byte()
        {
            if (Position >= _end)
            {
                Failed = true;
                return 0;
            }
            return _buffer[Position++];
        }

        public int UInt16() => Byte() | (Byte() << 8);

        public int Int32()
        {
            var value = 0;
            for (var i = 0; i < 4; i++)
                value |= Byte() << (8 * i);
            return value;
        }

        public long Int64()
        {
            long value = 0;
            for (var i = 0; i < 8; i++)
                value |= (long)Byte() << (8 * i);
            return value;
        }

        public string String()
        {
            var length = Byte();
            var chars = new char[length];
            var count = 0;
            var end = Position + length;
            while (Position < end && !Failed)
            {
                var b = Byte();
                if (b < 0x80)
                    chars[count++] = (char)b;
                else if (b < 0xE0)
                    chars[count++] = (char)(((b & 0x1F) << 6) | (Byte() & 0x3F));
                else
                    chars[count++] = (char)(((b & 0x0F) << 12) | ((Byte() & 0x3F) << 6) | (Byte() & 0x3F));
            }
            return new string(chars, 0, count);
        }

        /// <summary>Steps over a string without making it: the caller compares or copies its bytes in place.</summary>
        /// <returns>where the string's length byte is</returns>
        public int SkipString()
        {
            var at = Position;
            var length = Byte();
            var end = Position + length;
            if (end > _end)
            {
                Failed = true;
                end = _end;
            }
            Position = end;
            return at;
        }
    }
}
