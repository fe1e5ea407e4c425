namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// Civil dates from Unix seconds in integer arithmetic (the days-from-civil algorithm of H. Hinnant), so a time can be
    /// written without a DateTime and without floating point.
    /// </summary>
    public static class UtcCalendar
    {
        public const int SecondsPerDay = 86400;

        /// <param name="unixS">seconds since 1970-01-01T00:00:00Z, not negative</param>
        public static void DateOf(long unixS, out int year, out int month, out int day)
        {
            var days = unixS / SecondsPerDay + 719468; // days since 0000-03-01
            var era = days / 146097;
            var dayOfEra = days - era * 146097;
            var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            var shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
            day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
            month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }
    }
}
