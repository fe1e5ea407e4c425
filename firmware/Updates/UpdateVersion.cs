namespace ChargeController.Firmware.Updates
{
    /// <summary>A firmware version "major.minor.patch" (each 0..999) as one comparable number, major x 10^6 + minor x 10^3 + patch.</summary>
    public static class UpdateVersion
    {
        /// <returns>the number, or -1 when <paramref name="text"/> is no such version</returns>
        public static int Parse(string text)
        {
            var value = 0;
            var part = 0;
            var digits = 0;
            var parts = 1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '.' && digits > 0 && parts < 3)
                {
                    value = value * 1000 + part;
                    part = digits = 0;
                    parts++;
                }
                else if (c >= '0' && c <= '9' && digits < 3)
                {
                    part = part * 10 + (c - '0');
                    digits++;
                }
                else
                {
                    return -1;
                }
            }
            return parts == 3 && digits > 0 ? value * 1000 + part : -1;
        }

        public static string Text(int version) =>
            (version / 1000000).ToString() + "." + (version / 1000 % 1000).ToString() + "." + (version % 1000).ToString();
    }
}
