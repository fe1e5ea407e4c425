using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.Tests.Trace;

public class TraceWriterTests
{
    private sealed class Lines : ITraceSink
    {
        public List<string> All { get; } = new();
        public void WriteLine(string line) => All.Add(line);
    }

    private static string Render(Func<ITraceSink, IEventWriter> writer, Action<EventRing> append)
    {
        var events = new EventRing(4);
        append(events);
        var sink = new Lines();
        var w = writer(sink);
        while (events.TryRead(out var e))
            w.Write(e);
        return Assert.Single(sink.All);
    }

    [Fact]
    public void ReadablePilotLineUsesFixedPoint() =>
        Assert.Equal("    12.340 s  pilot      pwm 26.6 % duty, 16.0 A advertised",
            Render(s => new ReadableTraceWriter(s), r => r.Pilot(12_340, PilotMode.Pwm, 266, 16_000)));

    [Fact]
    public void JsonEscapesIdTags() =>
        Assert.Equal("{\"t\":5,\"ev\":\"session\",\"phase\":\"start\",\"id\":\"1-1\",\"idTag\":\"a\\\"b\\\\c\\u000a\"}",
            Render(s => new JsonTraceWriter(s), r => r.Session(5, EventRing.SessionStart, StopReason.None, 0, "1-1", "a\"b\\c\n", PileEvent.NoReading, PileEvent.NoReading)));

    [Theory]
    [InlineData(12_340L, 3, "12.340")]
    [InlineData(5L, 3, "0.005")]
    [InlineData(266L, 1, "26.6")]
    [InlineData(-1_500L, 3, "-1.500")]
    public void FixedPoint(long value, int decimals, string text) =>
        Assert.Equal(text, new LineBuilder().AppendFixed(value, decimals).ToString());

    [Fact]
    public void LongLinesGrowTheBuffer()
    {
        var text = new string('x', 1000);
        Assert.Equal(text, new LineBuilder().Append(text).ToString());
    }
}
