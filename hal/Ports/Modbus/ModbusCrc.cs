namespace ChargeController.Hal
{
    /// <summary>Modbus RTU's CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first.</summary>
    public static class ModbusCrc
    {
        public static int Compute(byte[] data, int count)
        {
            var crc = 0xFFFF;
            for (var i = 0; i < count; i++)
            {
                crc ^= data[i];
                for (var bit = 0; bit < 8; bit++)
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
            return crc;
        }

        /// <summary>Writes the CRC of the first <paramref name="length"/> bytes after them.</summary>
        public static void Append(byte[] frame, int length)
        {
            var crc = Compute(frame, length);
            frame[length] = (byte)crc;
            frame[length + 1] = (byte)(crc >> 8);
        }

        /// <summary>Whether the first <paramref name="length"/> bytes are a frame whose last two bytes are the CRC of the rest.</summary>
        public static bool Matches(byte[] frame, int length)
        {
            if (length < 4)
                return false;
            var crc = Compute(frame, length - 2);
            return frame[length - 2] == (byte)crc && frame[length - 1] == (byte)(crc >> 8);
        }
    }
}
