namespace ChargeController.Firmware.Commands
{
    /// <summary>Local wall time from Unix seconds and a fixed offset (tables carry their own offset from UTC).</summary>
    public static class LocalTime
    {
        public const int MinutesPerDay = 1440;
        public const int MaxOffsetMin = 14 * 60;

        public static long Seconds(long unixS, int utcOffsetMin) => unixS + utcOffsetMin * 60L;

        public static int MinuteOfDay(long unixS, int utcOffsetMin) => (int)(Seconds(unixS, utcOffsetMin) % 86400 / 60);

        /// <summary>Monday 0 ... Sunday 6 (1970-01-01 was a Thursday).</summary>
        public static int Weekday(long unixS, int utcOffsetMin) => (int)((Seconds(unixS, utcOffsetMin) / 86400 + 3) % 7);
    }
}
