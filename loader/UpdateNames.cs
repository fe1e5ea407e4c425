namespace ChargeController.Loader
{
    /// <summary>
    /// The names an update carries (package, file, key id, board): 1 to <see cref="MaxLength"/> characters of
    /// [A-Za-z0-9._-]. They become file names on the pile, so nothing else gets in: no path separator, no space.
    /// </summary>
    public static class UpdateNames
    {
        public const int MaxLength = 48;

        public static bool IsValid(byte[] text, int start, int length)
        {
            if (length < 1 || length > MaxLength)
                return false;
            for (var i = start; i < start + length; i++)
                if (!IsNameCharacter(text[i]))
                    return false;
            return true;
        }

        public static bool IsValid(string name)
        {
            if (name == null || name.Length < 1 || name.Length > MaxLength)
                return false;
            for (var i = 0; i < name.Length; i++)
                if (!IsNameCharacter(name[i]))
                    return false;
            return true;
        }

        private static bool IsNameCharacter(int c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
