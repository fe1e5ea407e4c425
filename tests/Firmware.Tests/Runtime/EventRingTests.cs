using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>The event ring's policy: telemetry may be dropped (counted), durable events never while a slot is left.</summary>
public class EventRingTests
{
    private static void Telemetry(EventRing ring, int count)
    {
        for (var i = 0; i < count; i++)
            ring.Contactor(i, i % 2 == 0);
    }

    [Fact]
    public void TelemetryStopsAtTheDurableReserveAndIsCounted()
    {
        var ring = new EventRing(16);
        Assert.Equal(4, ring.DurableReserve);
        Telemetry(ring, 20);
        Assert.Equal(12, ring.Count);
        Assert.Equal(8, ring.Dropped);
        Assert.True(ring.Congested);
    }

    [Fact]
    public void DurableEventsTakeTheReserveWhileTelemetryIsDropped()
    {
        var ring = new EventRing(16);
        Telemetry(ring, 12);
        for (var i = 0; i < 4; i++)
            ring.Fault(100 + i, Fault.EmergencyStop, i % 2 == 0, false, 0);
        ring.Status(200, default, default);
        Assert.Equal(16, ring.Count);
        Assert.Equal(1, ring.Dropped);
        Assert.Equal(0, ring.DurableLost);
        var faults = 0;
        while (ring.TryRead(out var e))
            if (e.Kind == EventKind.Fault)
                Assert.Equal(100 + faults++, e.TimeMs);
        Assert.Equal(4, faults);
    }

    [Fact]
    public void ConsoleLoginsAndProtectedCommandsAreDurable()
    {
        var ring = new EventRing(16);
        Telemetry(ring, 12);
        ring.Console(100, "login", "wrong PIN (1 of 5 before a lock-out)");
        ring.Console(101, "stop", null);
        Assert.Equal(14, ring.Count);
        Assert.Equal(0, ring.Dropped);
    }

    /// <summary>A session's bands are part of its end event: a congested ring keeps them with it, and reads them back with it.</summary>
    [Fact]
    public void ASessionsBandsTravelInItsEndAndTakeTheReserveWithIt()
    {
        var ring = new EventRing(16);
        Telemetry(ring, 12);
        ring.Session(100, EventRing.SessionEnd, StopReason.Local, 0, "1-1", "", 1000, 1300, new[] { 100, 200, 0, 0 }, -1);
        Assert.Equal(0, ring.Dropped);
        Assert.Equal(0, ring.DurableLost);
        var read = new List<PileEvent>();
        while (ring.TryRead(out var e))
            read.Add(e);
        var end = Assert.Single(read, e => e.Kind == EventKind.Session);
        Assert.Equal((4, 100, 200, 0, 0), (end.BandCount, end.Band0Wh, end.Band1Wh, end.Band2Wh, end.Band3Wh));
        Assert.Equal((1000L, 1300L, false), (end.Long1, end.Long2, end.Flag));
        Assert.DoesNotContain(read, e => e.Kind == EventKind.Bands);
    }

    /// <summary>A session's solar share rides in the same second slot, with bands or without them, and reads back with the end.</summary>
    [Fact]
    public void ASessionsSolarShareTravelsInItsEndWithOrWithoutBands()
    {
        var ring = new EventRing(16);
        ring.Session(100, EventRing.SessionEnd, StopReason.Local, 0, "1-1", "", 1000, 1300, null, 250);
        ring.Session(200, EventRing.SessionEnd, StopReason.Local, 0, "1-2", "", 1300, 1500, new[] { 100, 100, 0, 0 }, 0);
        ring.Session(300, EventRing.SessionEnd, StopReason.Local, 0, "1-3", "", 1500, 1600, new[] { 100, 0, 0, 0 }, -1);
        var ends = new List<PileEvent>();
        while (ring.TryRead(out var e))
            ends.Add(e);
        Assert.Equal(new[] { "1-1", "1-2", "1-3" }, ends.Select(e => e.Text));
        Assert.Equal((0, true, 250, 1300L), (ends[0].BandCount, ends[0].HasSolar, ends[0].SolarWh, ends[0].Long2));
        Assert.Equal((4, true, 0, 100), (ends[1].BandCount, ends[1].HasSolar, ends[1].SolarWh, ends[1].Band1Wh));
        Assert.Equal((4, false), (ends[2].BandCount, ends[2].HasSolar));
    }

    /// <summary>An end and its bands go in together or not at all: bands never reach the journal without their end.</summary>
    [Fact]
    public void ARingWithRoomForOneSlotNeverSplitsAnEndFromItsBands()
    {
        var ring = new EventRing(4);
        for (var i = 0; i < 3; i++)
            ring.Fault(i, Fault.EmergencyStop, i % 2 == 0, false, 0);
        ring.Session(100, EventRing.SessionEnd, StopReason.Local, 0, "1-1", "", 1000, 1300, new[] { 100, 200, 0, 0 }, -1);
        Assert.Equal(1, ring.DurableLost);
        var kinds = new List<EventKind>();
        while (ring.TryRead(out var e))
            kinds.Add(e.Kind);
        Assert.Equal(new[] { EventKind.Fault, EventKind.Fault, EventKind.Fault }, kinds);
        ring.Session(200, EventRing.SessionEnd, StopReason.Local, 0, "1-1", "", 1000, 1300, new[] { 100, 200, 0, 0 }, -1);
        Assert.True(ring.TryRead(out var end));
        Assert.Equal(4, end.BandCount);
        Assert.False(ring.TryRead(out _)); // the two slots are released together
    }

    [Fact]
    public void StoredConfigChangesAreDurable()
    {
        var ring = new EventRing(16);
        Telemetry(ring, 12);
        ring.ConfigChange(100, "pile.ratedCurrentA", "16", true);
        Assert.Equal(13, ring.Count);
        Assert.Equal(0, ring.Dropped);
    }

    [Fact]
    public void OnlyAFullRingLosesADurableEventAndSaysSo()
    {
        var ring = new EventRing(4);
        for (var i = 0; i < 5; i++)
            ring.Session(i, EventRing.SessionEnd, default, 0, "1-" + i, "", 0, 0);
        Assert.Equal(4, ring.Count);
        Assert.Equal(1, ring.DurableLost);
    }

    [Fact]
    public void ReadingFreesSlotsAndTheRingWrapsManyTimesInOrder()
    {
        var ring = new EventRing(8);
        long expected = 0;
        for (long t = 0; t < 1000; t++)
        {
            ring.Checkpoint(t, "1-1", t * 10);
            if (t % 3 == 2)
                while (ring.TryRead(out var e))
                {
                    Assert.Equal(expected, e.TimeMs);
                    Assert.Equal(expected * 10, e.Long1);
                    expected++;
                }
        }
        Assert.Equal(0, ring.DurableLost);
        Assert.False(ring.Congested);
    }
}
