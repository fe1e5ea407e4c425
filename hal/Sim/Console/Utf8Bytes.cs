namespace ChargeController.Sim.Console
{
    /// <summary>
    /// Text as the bytes a terminal or the network sends it: UTF-8. A character beyond the first 128 becomes two to four
    /// bytes of 0x80 and above, never an ASCII byte, so no typed text can turn into a different ASCII command.
    /// </summary>
    public static class Utf8Bytes
    {
        /// <summary>How many bytes <paramref name="text"/> takes.</summary>
        public static int Count(string text)
        {
            var n = 0;
            for (var i = 0; i < text.Length; i++)
                n += Length(text, i, out i);
            return n;
        }

        /// <summary>The text's UTF-8 bytes from <paramref name="offset"/>, as many whole characters as fit; returns how many.</summary>
        public static int Write(string text, byte[] bytes, int offset)
        {
            var n = offset;
            for (var i = 0; i < text.Length; i++)
            {
                var at = i;
                var length = Length(text, at, out i);
                if (n + length > bytes.Length)
                    break;
                var c = length == 4 ? 0x10000 + ((text[at] - 0xD800) << 10) + (text[at + 1] - 0xDC00) : text[at];
                if (length == 1)
                    bytes[n++] = (byte)c;
                else
                {
                    bytes[n++] = (byte)(length == 2 ? 0xC0 | c >> 6 : length == 3 ? 0xE0 | c >> 12 : 0xF0 | c >> 18);
                    for (var shift = (length - 2) * 6; shift >= 0; shift -= 6)
                        bytes[n++] = (byte)(0x80 | (c >> shift & 0x3F));
                }
            }
            return n - offset;
        }

        /// <summary>The byte length of the character at <paramref name="i"/>; <paramref name="last"/> is its last UTF-16 unit.</summary>
        private static int Length(string text, int i, out int last)
        {
            last = i;
            int c = text[i];
            if (c < 0x80)
                return 1;
            if (c < 0x800)
                return 2;
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000)
            {
                last = i + 1;
                return 4;
            }
            return 3; // a lone surrogate too: three bytes of 0x80 and above, as any other character beyond ASCII
        }
    }
}
