namespace ChargeController.FleetSim;

/// <summary>
/// The county's virtual calendar: a run starts at local midnight (China Standard Time, UTC+8, no daylight saving) of
/// <see cref="FirstDayUnixS"/>; every pile's clock is set from it (as SNTP would), so events carry times and tariffs apply.
/// </summary>
public static class CountyClock
{
    public const int UtcOffsetMin = 480;
    public const long HourMs = 3_600_000L;
    public const long DayMs = 24 * HourMs;

    /// <summary>2026-12-01T00:00:00+08:00, a Tuesday.</summary>
    public static readonly long FirstDayUnixS = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();

    /// <summary>The local hour of the day (0-23) at virtual time <paramref name="atMs"/>.</summary>
    public static int LocalHour(long atMs) => (int)(atMs % DayMs / HourMs);

    /// <summary>The virtual time of local <paramref name="hour"/> o'clock (fractions allowed) on day <paramref name="day"/> of the run (0 first).</summary>
    public static long At(int day, double hour) => day * DayMs + (long)(hour * HourMs);
}
