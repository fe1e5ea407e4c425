using ChargeController.Firmware.Commands;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// Local time from Unix seconds and a table's offset: the minute of the day and the weekday index tables, so they stay
/// inside them for any time and offset, including a pile whose clock is not set (Unix 0) under a negative offset.
/// </summary>
public class LocalTimeTests
{
    [Theory]
    [InlineData(1_763_951_280L, 480, 628, 0)] // 2025-11-24T02:28:00Z is Monday 10:28 at UTC+8
    [InlineData(1_763_951_280L, -300, 1288, 6)] // and Sunday 21:28 at UTC-5
    [InlineData(0L, -300, 1140, 2)] // 1970-01-01T00:00Z at UTC-5: Wednesday 19:00 of the day before
    [InlineData(59L, -1, 1439, 2)] // 59 s after the epoch at UTC-00:01: the last minute of the day before
    [InlineData(0L, 0, 0, 3)] // the epoch itself: Thursday 00:00
    public void MinuteOfDayAndWeekdayStayInTheirTables(long unixS, int offsetMin, int minute, int weekday)
    {
        Assert.Equal(minute, LocalTime.MinuteOfDay(unixS, offsetMin));
        Assert.Equal(weekday, LocalTime.Weekday(unixS, offsetMin));
    }

    [Fact]
    public void EveryMinuteAroundTheEpochFallsInsideTheDay()
    {
        for (var offsetMin = -LocalTime.MaxOffsetMin; offsetMin <= LocalTime.MaxOffsetMin; offsetMin += 15)
        for (var unixS = -2 * 86_400L; unixS <= 2 * 86_400L; unixS += 3_599)
        {
            Assert.InRange(LocalTime.MinuteOfDay(unixS, offsetMin), 0, LocalTime.MinutesPerDay - 1);
            Assert.InRange(LocalTime.Weekday(unixS, offsetMin), 0, 6);
        }
    }

    /// <summary>
    /// A tariff west of UTC on a pile whose clock is not set: its sessions are band 0 (the time is not known), and the
    /// control thread charges on. It threw IndexOutOfRange at the first band lookup before (a random scenario found it).
    /// </summary>
    [Fact]
    public void ATariffWestOfUtcWithoutAClockChargesInBandZero()
    {
        var slots = "[" + string.Join(",", Enumerable.Repeat(2, Tariff.SlotCount)) + "]";
        var text = "0s cmd {\"v\":1,\"id\":\"t1\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":-300,\"slots\":" + slots + "}\n" +
            "1s plug\n2s ev ready\n70s stop\n80s unplug\n90s end\n";
        var parse = ScenarioParser.Parse(text);
        Assert.True(parse.Succeeded, parse.Error);
        var recorder = new RecordingWriter();
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), recorder));
        var end = Assert.Single(recorder.Lines, l => l.Contains("\"ev\":\"session\"") && l.Contains("\"phase\":\"end\"") && l.Contains("\"reason\":\"Local\""));
        Assert.Matches("\"bandsWh\":\\[[1-9][0-9]*,0,0,0\\]", end);
    }
}
