namespace ChargeController.Loader
{
    /// <summary>Reads "YYYY-MM-DDTHH:MM:SSZ" (UTC, to the second, nothing else) as Unix seconds, without DateTime.</summary>
    public static class IsoTime
    {
        public const int Length = 20;
        private static readonly int[] DaysInMonth = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

        /// <returns>Unix seconds, or -1 when the text is not such a time between 2000 and 2099</returns>
        public static long Parse(byte[] text, int start, int length)
        {
            if (length != Length || text[start + 4] != '-' || text[start + 7] != '-' || text[start + 10] != 'T' ||
                text[start + 13] != ':' || text[start + 16] != ':' || text[start + 19] != 'Z')
                return -1;
            var year = Digits(text, start, 4);
            var month = Digits(text, start + 5, 2);
            var day = Digits(text, start + 8, 2);
            var hour = Digits(text, start + 11, 2);
            var minute = Digits(text, start + 14, 2);
            var second = Digits(text, start + 17, 2);
            if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1 || day > DaysInMonth[month - 1] ||
                (month == 2 && day == 29 && year % 4 != 0) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
                second < 0 || second > 59)
                return -1;
            return DaysFromCivil(year, month, day) * 86400L + hour * 3600 + minute * 60 + second;
        }

        /// <summary>Days since 1970-01-01 (H. Hinnant's days-from-civil; 2000-2099 has no century exception).</summary>
        private static long DaysFromCivil(int year, int month, int day)
        {
            if (month <= 2)
                year--;
            var era = year / 400;
            var yearOfEra = year - era * 400;
            var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097L + dayOfEra - 719468;
        }

        /// <returns>the number, or -1 when a character is not a digit</returns>
        private static int Digits(byte[] text, int start, int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++)
            {
                var c = text[start + i];
                if (c < '0' || c > '9')
                    return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
