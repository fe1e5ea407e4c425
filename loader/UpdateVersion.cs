namespace ChargeController.Loader
{
    /// <summary>
    /// A firmware version "major.minor.patch", each 0..999, held as one int (major * 1,000,000 + minor * 1,000 + patch)
    /// so that versions compare as numbers: 1.10.0 is newer than 1.9.9.
    /// </summary>
    public static class UpdateVersion
    {
        /// <summary>No version: nothing installed, or nothing confirmed yet.</summary>
        public const int None = -1;

        /// <returns>the version, or <see cref="None"/> when the text is not three numbers of 1 to 3 digits without
        /// leading zeros, separated by dots</returns>
        public static int Parse(byte[] text, int start, int length)
        {
            var value = 0;
            var at = start;
            var end = start + length;
            for (var part = 0; part < 3; part++)
            {
                if (part > 0)
                {
                    if (at >= end || text[at] != '.')
                        return None;
                    at++;
                }
                var number = 0;
                var digits = 0;
                for (; at < end && text[at] >= '0' && text[at] <= '9'; at++, digits++)
                    number = number * 10 + (text[at] - '0');
                if (digits == 0 || digits > 3 || (digits > 1 && text[at - digits] == '0'))
                    return None;
                value = value * 1000 + number;
            }
            return at == end ? value : None;
        }

        public static int Parse(string text)
        {
            var bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++)
                bytes[i] = text[i] < 128 ? (byte)text[i] : (byte)0;
            return Parse(bytes, 0, bytes.Length);
        }

        public static string Format(int version)
        {
            if (version < 0)
                return "none";
            return (version / 1000000).ToString() + "." + (version / 1000 % 1000).ToString() + "." + (version % 1000).ToString();
        }
    }
}
