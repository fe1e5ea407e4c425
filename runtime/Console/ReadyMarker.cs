namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// The control byte that ends every reply in the output ring: the console may read the next line, and how. Replies
    /// are printable ASCII with CR LF, so these bytes (0x10-0x13) never occur in them; the console thread consumes them
    /// and never sends them to the port.
    /// </summary>
    public static class ReadyMarker
    {
        private const byte Base = 0x10;
        /// <summary>The next line is a PIN: echo '*', hand over its digest only.</summary>
        public const byte Secret = 0x01;
        /// <summary>Machine mode: no echo (the shell prints no prompt either).</summary>
        public const byte Quiet = 0x02;

        public static byte Of(bool secret, bool quiet) => (byte)(Base | (secret ? Secret : 0) | (quiet ? Quiet : 0));

        public static bool Is(byte value) => (value & 0xFC) == Base;
    }
}
