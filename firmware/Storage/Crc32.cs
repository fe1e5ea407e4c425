namespace ChargeController.Firmware.Storage
{
    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320): detects torn and corrupted records before they are believed.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            var crc = 0xFFFFFFFF;
            for (var i = offset; i < offset + count; i++)
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return ~crc;
        }

        /// <summary>Writes the CRC of the <paramref name="count"/> bytes at <paramref name="offset"/> right after them, low byte first.</summary>
        public static void Seal(byte[] data, int offset, int count)
        {
            var crc = Compute(data, offset, count);
            for (var i = 0; i < 4; i++)
                data[offset + count + i] = (byte)(crc >> (8 * i));
        }

        /// <summary>True when the last four of the <paramref name="countWithCrc"/> bytes are the CRC of the ones before.</summary>
        public static bool Verify(byte[] data, int offset, int countWithCrc)
        {
            if (countWithCrc < 4)
                return false;
            var end = offset + countWithCrc;
            var stored = (uint)(data[end - 4] | (data[end - 3] << 8) | (data[end - 2] << 16) | (data[end - 1] << 24));
            return Compute(data, offset, countWithCrc - 4) == stored;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
