namespace ChargeController.Firmware.Commands
{
    /// <summary>Local wall time from Unix seconds and a fixed offset (tables carry their own offset from UTC).</summary>
    public static class LocalTime
    {
        public const int MinutesPerDay = 1440;
        public const int MaxOffsetMin = 14 * 60;

        private const int SecondsPerDay = 86400;

        public static long Seconds(long unixS, int utcOffsetMin) => unixS + utcOffsetMin * 60L;

        /// <summary>Local days since 1970-01-01, rounded down: a time before it (a negative offset near 0) is day -1, not 0.</summary>
        public static long Day(long unixS, int utcOffsetMin)
        {
            var seconds = Seconds(unixS, utcOffsetMin);
            return seconds >= 0 ? seconds / SecondsPerDay : (seconds - (SecondsPerDay - 1)) / SecondsPerDay;
        }

        /// <summary>0 ... 1439, never negative (an index into a table of the day's slots).</summary>
        public static int MinuteOfDay(long unixS, int utcOffsetMin) =>
            (int)((Seconds(unixS, utcOffsetMin) - Day(unixS, utcOffsetMin) * SecondsPerDay) / 60);

        /// <summary>Monday 0 ... Sunday 6 (1970-01-01 was a Thursday).</summary>
        public static int Weekday(long unixS, int utcOffsetMin)
        {
            var weekday = (Day(unixS, utcOffsetMin) + 3) % 7;
            return (int)(weekday < 0 ? weekday + 7 : weekday);
        }
    }
}
