using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
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

    [Theory]
    [InlineData(PilotMode.StateF, "pilot      -12 V (state F: fault)")]
    [InlineData(PilotMode.Off, "pilot      +12 V (no PWM: no charging offered)")]
    public void ReadablePilotLevelsSayWhatTheyMean(PilotMode mode, string text) =>
        Assert.Equal("     1.000 s  " + text, Render(s => new ReadableTraceWriter(s), r => r.Pilot(1_000, mode, 0, 0)));

    [Fact]
    public void ReadablePilotStatesSayWhatTheyMean() =>
        Assert.Equal("     1.000 s  pilot read state E (pilot shorted to PE)",
            Render(s => new ReadableTraceWriter(s), r => r.Cp(1_000, PilotState.E)));

    [Fact]
    public void ASessionThatAFaultEndedNamesTheFault()
    {
        var sink = new Lines();
        var writer = new ReadableTraceWriter(sink);
        var events = new EventRing(8);
        events.Fault(1_000, Fault.ResidualCurrentAc, true, false, 0);
        events.Fault(1_000, Fault.ResidualCurrentDc, true, false, 0);
        events.Fault(1_000, Fault.ResidualCurrentDc, false, false, 0);
        events.Session(1_010, EventRing.SessionEnd, StopReason.Other, 0, "1-1", "", 0, 0);
        events.Fault(2_000, Fault.ResidualCurrentAc, false, false, 0);
        events.Session(2_010, EventRing.SessionEnd, StopReason.Other, 0, "1-2", "", 0, 0);
        while (events.TryRead(out var e))
            writer.Write(e);
        Assert.Equal("     1.010 s  session    1-1 ended: Other (fault rcd-ac), 0.000 kWh", sink.All[3]);
        Assert.Equal("     2.010 s  session    1-2 ended: Other, 0.000 kWh", sink.All[5]);
    }

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
