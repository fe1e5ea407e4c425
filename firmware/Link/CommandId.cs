namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// Finds a command's "id" without the full reader, for the one answer the network thread gives itself (busy): a scan
    /// of the top-level object for the member "id" with a plain string value (1 to 64 printable ASCII characters, no
    /// escapes, as the handler requires). Allocates nothing; anything else gives no id (the result then says "").
    /// </summary>
    public static class CommandId
    {
        public const int MaxBytes = Commands.CommandHandler.MaxIdLength;

        /// <returns>the id's length, copied to <paramref name="id"/> (at least <see cref="MaxBytes"/>), or 0 when there is none</returns>
        public static int Find(byte[] json, int offset, int count, byte[] id)
        {
            var end = offset + count;
            var depth = 0;
            for (var i = offset; i < end; i++)
            {
                var b = json[i];
                if (b == '{' || b == '[')
                    depth++;
                else if (b == '}' || b == ']')
                    depth--;
                else if (b == '"')
                {
                    var close = StringEnd(json, i + 1, end);
                    if (close < 0)
                        return 0;
                    var colon = SkipSpaces(json, close + 1, end);
                    if (depth == 1 && close - i == 3 && json[i + 1] == 'i' && json[i + 2] == 'd' && colon < end && json[colon] == ':')
                        return Value(json, SkipSpaces(json, colon + 1, end), end, id);
                    i = close;
                }
            }
            return 0;
        }

        private static int Value(byte[] json, int start, int end, byte[] id)
        {
            if (start >= end || json[start] != '"')
                return 0;
            var length = 0;
            for (var i = start + 1; i < end; i++)
            {
                var b = json[i];
                if (b == '"')
                    return length;
                if (b < 0x20 || b > 0x7E || b == '\\' || length == MaxBytes)
                    return 0;
                id[length++] = b;
            }
            return 0;
        }

        /// <returns>where the string that starts at <paramref name="from"/> closes, or -1</returns>
        private static int StringEnd(byte[] json, int from, int end)
        {
            for (var i = from; i < end; i++)
            {
                if (json[i] == '\\')
                    i++;
                else if (json[i] == '"')
                    return i;
            }
            return -1;
        }

        private static int SkipSpaces(byte[] json, int from, int end)
        {
            while (from < end && (json[from] == ' ' || json[from] == '\t' || json[from] == '\r' || json[from] == '\n'))
                from++;
            return from;
        }
    }
}
