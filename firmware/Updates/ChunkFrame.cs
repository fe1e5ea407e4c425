namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// Reads the platform's binary answer to a chunk request (docs/mqtt-api.md, Updates): `CCU1`, the file name's length
    /// n (1 byte) and its n ASCII bytes, the offset and the file's total size (4 bytes each, big-endian), then at most
    /// <see cref="MaxDataBytes"/> data bytes. Read in place from the ring slot it arrived in: nothing is copied or allocated.
    /// </summary>
    public sealed class ChunkFrame
    {
        public const int MaxDataBytes = 2048;
        public const int MaxNameBytes = 48;
        /// <summary>The longest answer: the header with the longest name, and a full chunk.</summary>
        public const int MaxBytes = 4 + 1 + MaxNameBytes + 8 + MaxDataBytes;

        public int NameStart { get; private set; }
        public int NameLength { get; private set; }
        public int Offset { get; private set; }
        public int TotalBytes { get; private set; }
        public int DataStart { get; private set; }
        public int DataCount { get; private set; }

        /// <returns>false when the bytes are not such an answer (the pile drops it and asks again)</returns>
        public bool Read(byte[] payload, int count)
        {
            if (count < 6 || payload[0] != 'C' || payload[1] != 'C' || payload[2] != 'U' || payload[3] != '1')
                return false;
            var nameLength = payload[4];
            if (nameLength < 1 || nameLength > MaxNameBytes || count < 5 + nameLength + 8)
                return false;
            NameStart = 5;
            NameLength = nameLength;
            Offset = BigEndian(payload, 5 + nameLength);
            TotalBytes = BigEndian(payload, 9 + nameLength);
            DataStart = 13 + nameLength;
            DataCount = count - DataStart;
            return Offset >= 0 && TotalBytes >= 0 && DataCount <= MaxDataBytes;
        }

        /// <summary>Whether the answer's file name is <paramref name="name"/> (ASCII, compared byte by byte).</summary>
        public bool Names(byte[] payload, string name)
        {
            if (name.Length != NameLength)
                return false;
            for (var i = 0; i < NameLength; i++)
                if (payload[NameStart + i] != name[i])
                    return false;
            return true;
        }

        private static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
    }
}
