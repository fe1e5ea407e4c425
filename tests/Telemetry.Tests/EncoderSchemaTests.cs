using System.Text.Json;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Telemetry;
using ChargeController.Firmware.Updates;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// Every message the encoders write validates against its JSON Schema in docs/schemas: every enum value the core can
/// produce, the optional fields present and absent, and every message of every example scenario of the simulated pile.
/// </summary>
public class EncoderSchemaTests
{
    private const long Time = 1795862176; // 2026-11-28T10:36:16Z
    private readonly JsonWriter _writer = new(MessageEncoder.MaxBytes);
    private readonly JournalEncoding _journal;

    public EncoderSchemaTests() => _journal = new JournalEncoding(_writer, 7);

    private static PileEvent Read(EventRing ring)
    {
        Assert.True(ring.TryRead(out var e));
        return e;
    }

    private JsonElement Event(PileEvent e, string schema)
    {
        Assert.True(_journal.Encode(e));
        var root = Schemas.AssertValid(schema, _writer);
        Assert.Equal(7, root.GetProperty("boot").GetInt32());
        Assert.Equal(_journal.Sequence, root.GetProperty("seq").GetInt32());
        Assert.Equal(MessageTap.PileId, root.GetProperty("pile").GetString());
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        return root;
    }

    [Fact]
    public void BootEventsForEveryReason()
    {
        foreach (var reason in Enum.GetValues<BootReason>())
        {
            var ring = new EventRing(4);
            ring.Boot(0, reason, 7);
            Assert.Equal(reason.ToString(), Event(Read(ring), "event-boot").GetProperty("reason").GetString());
        }
    }

    [Fact]
    public void SessionStartWithAndWithoutAReadingOnlineAndOffline()
    {
        var ring = new EventRing(4);
        ring.SetWallClock(Time);
        ring.Session(1000, EventRing.SessionStart, StopReason.None, EventRing.SessionOffline, "7-1", "CARD-0042", 1234567, PileEvent.NoReading);
        var start = Event(Read(ring), "event-session-start");
        Assert.Equal(1234567, start.GetProperty("startWh").GetInt64());
        Assert.True(start.GetProperty("offline").GetBoolean());
        Assert.Equal("2026-11-28T10:36:17Z", start.GetProperty("time").GetString());
        Assert.Equal(1000, start.GetProperty("uptimeMs").GetInt64());

        ring = new EventRing(4);
        ring.Session(1000, EventRing.SessionStart, StopReason.None, EventRing.SessionUnmetered, "7-2", "", PileEvent.NoReading, PileEvent.NoReading);
        var unread = Event(Read(ring), "event-session-start");
        Assert.False(unread.TryGetProperty("startWh", out _));
        Assert.False(unread.TryGetProperty("time", out _), "no time while the pile's clock is not set");
    }

    [Fact]
    public void SessionEndForEveryStopReason()
    {
        foreach (var reason in Enum.GetValues<StopReason>().Where(r => r != StopReason.None))
        {
            var ring = new EventRing(4);
            ring.Session(5000, EventRing.SessionEnd, reason, 0, "7-1", "CARD-0042", 1234567, 1240000);
            var end = Event(Read(ring), "event-session-end");
            Assert.Equal(reason.ToString(), end.GetProperty("reason").GetString());
            Assert.Equal(5433, end.GetProperty("energyWh").GetInt64());
            Assert.False(end.GetProperty("unmetered").GetBoolean());
        }
    }

    /// <summary>The solar share goes through the journal's close into the end message, alone or after the bands.</summary>
    [Fact]
    public void ASessionEndCarriesItsSolarShareWithOrWithoutBands()
    {
        var ring = new EventRing(8);
        ring.Session(5000, EventRing.SessionEnd, StopReason.Local, 0, "7-1", "", 1234567, 1240000, null, 4100);
        ring.Session(6000, EventRing.SessionEnd, StopReason.Local, 0, "7-2", "", 1240000, 1241000, new[] { 400, 600, 0, 0 }, 0);
        ring.Session(7000, EventRing.SessionEnd, StopReason.Local, 0, "7-3", "", 1241000, 1242000, null, -1);
        var alone = Event(Read(ring), "event-session-end");
        Assert.Equal((4100, 5433), (alone.GetProperty("solarWh").GetInt32(), alone.GetProperty("energyWh").GetInt32()));
        Assert.False(alone.TryGetProperty("bandsWh", out _));
        var withBands = Event(Read(ring), "event-session-end");
        Assert.Equal(0, withBands.GetProperty("solarWh").GetInt32());
        Assert.Equal(new long[] { 400, 600, 0, 0 }, withBands.GetProperty("bandsWh").EnumerateArray().Select(b => b.GetInt64()));
        Assert.False(Event(Read(ring), "event-session-end").TryGetProperty("solarWh", out _), "no site meter: no solar share");
    }

    [Fact]
    public void AnUnmeteredSessionEndHasNoEnergy()
    {
        var ring = new EventRing(4);
        ring.Session(5000, EventRing.SessionEnd, StopReason.PowerLoss, EventRing.SessionUnmetered, "7-1", "", 1234567, PileEvent.NoReading);
        var end = Event(Read(ring), "event-session-end");
        Assert.True(end.GetProperty("unmetered").GetBoolean());
        Assert.Equal(1234567, end.GetProperty("startWh").GetInt64());
        Assert.False(end.TryGetProperty("stopWh", out _));
        Assert.False(end.TryGetProperty("energyWh", out _));
    }

    [Fact]
    public void FaultsRaisedAndClearedForEveryFault()
    {
        foreach (var fault in Enum.GetValues<Fault>())
        {
            var ring = new EventRing(4);
            ring.Fault(100, fault, true, true, 3);
            ring.Fault(200, fault, false, false, 3);
            var raised = Event(Read(ring), "event-fault-raised");
            Assert.Equal(FaultPolicies.DetailOf(fault), raised.GetProperty("detail").GetString());
            Assert.Equal(FaultPolicies.CodeOf(fault).ToString(), raised.GetProperty("code").GetString());
            Assert.True(raised.GetProperty("latched").GetBoolean());
            var cleared = Event(Read(ring), "event-fault-cleared");
            Assert.Equal(3, cleared.GetProperty("retries").GetInt32());
        }
    }

    [Fact]
    public void ConfigChanged()
    {
        var ring = new EventRing(4);
        ring.SetWallClock(Time);
        ring.ConfigChange(9000, "meter.profile", "sdm630", true);
        var root = Event(Read(ring), "event-config-changed");
        Assert.Equal("sdm630", root.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData(UpdateStates.Offered, null)]
    [InlineData(UpdateStates.Downloading, "ChargeController.Firmware.pe")]
    [InlineData(UpdateStates.Verified, null)]
    [InlineData(UpdateStates.Confirmed, null)]
    [InlineData(UpdateStates.Rejected, "bad-signature")]
    [InlineData(UpdateStates.RolledBack, "crash-loop")]
    public void UpdateSteps(int state, string? detail)
    {
        var ring = new EventRing(4);
        ring.SetWallClock(Time);
        ring.Update(9000, state, detail, 1004000, 1000000, 61440, 153600, "cc-1.4.0");
        var root = Event(Read(ring), "event-update");
        Assert.Equal(UpdateStates.Name(state), root.GetProperty("state").GetString());
        Assert.Equal("cc-1.4.0", root.GetProperty("package").GetString());
        Assert.Equal("1.4.0", root.GetProperty("version").GetString());
        Assert.Equal("1.0.0", root.GetProperty("fromVersion").GetString());
        if (state == UpdateStates.Downloading)
            Assert.Equal(61440, root.GetProperty("bytes").GetInt32());
        else if (detail != null)
            Assert.Equal(detail, root.GetProperty("reason").GetString());
    }

    [Fact]
    public void AnUpdateStepWithoutAPackageNamesNone()
    {
        var ring = new EventRing(4);
        ring.Update(9000, UpdateStates.RolledBack, "crash-loop", 1004000, 1000000, 0, 0, null);
        Assert.False(Event(Read(ring), "event-update").TryGetProperty("package", out _));
    }

    [Fact]
    public void CoreEventsThatAreNotForThePlatformAreRefused()
    {
        var ring = new EventRing(8);
        ring.Cp(0, PilotState.B);
        ring.Checkpoint(0, "7-1", 1234567);
        ring.Command(0, "stop", null);
        for (var i = 0; i < 3; i++)
            Assert.False(_journal.Encode(Read(ring)));
    }

    [Fact]
    public void StatusForEveryConnectorStatusAndErrorCode()
    {
        var view = new StatusView();
        var ring = new EventRing(4);
        ring.Boot(0, BootReason.Watchdog, 7);
        view.Apply(Read(ring));
        var encoder = new StatusEncoder(_writer, MessageTap.PileId, MessageTap.Firmware);
        foreach (var status in Enum.GetValues<ConnectorStatus>())
        foreach (var error in Enum.GetValues<ErrorCode>())
        {
            ring.Status(10, status, error);
            Assert.True(view.Apply(Read(ring)));
            Assert.True(encoder.Online(view, 3, 1, new LinkStatistics(), 10, 0));
            var root = Schemas.AssertValid("status", _writer);
            Assert.Equal(status.ToString(), root.GetProperty("status").GetString());
            Assert.Equal(error.ToString(), root.GetProperty("error").GetString());
            Assert.Equal(7, root.GetProperty("boot").GetProperty("number").GetInt32());
            Assert.Equal("Watchdog", root.GetProperty("boot").GetProperty("reason").GetString());
        }
    }

    [Fact]
    public void StatusWithEveryFaultRaisedFitsTheWriterAtItsLongest()
    {
        var view = new StatusView();
        var ring = new EventRing(64);
        ring.SetWallClock(Time);
        ring.Boot(0, BootReason.CrashLoop, int.MaxValue);
        foreach (var fault in Enum.GetValues<Fault>())
            ring.Fault(10, fault, true, true, 100);
        while (ring.TryRead(out var e))
            view.Apply(e);
        var link = new LinkStatistics();
        link.Connected();
        link.Lost();
        foreach (var failure in new[] { LinkStatus.DnsFailure, LinkStatus.TlsFailure, LinkStatus.AuthenticationFailure, LinkStatus.Timeout })
            link.ConnectFailed(failure);
        var longest = new string('x', 32);
        Assert.True(new StatusEncoder(_writer, longest, longest).Online(view, int.MaxValue, long.MaxValue, link, long.MaxValue, Time));
        var root = Schemas.AssertValid("status", _writer);
        Assert.Equal(Enum.GetValues<Fault>().Length, root.GetProperty("faults").GetArrayLength());
        var counts = root.GetProperty("link");
        Assert.Equal(1, counts.GetProperty("dnsFailures").GetInt32());
        Assert.Equal(1, counts.GetProperty("tlsFailures").GetInt32());
        Assert.Equal(1, counts.GetProperty("authFailures").GetInt32());
        Assert.Equal(1, counts.GetProperty("otherFailures").GetInt32());
    }

    [Fact]
    public void TableVersionsAreInTheStatusUntilTheNextBootTellsThemAgain()
    {
        var view = new StatusView();
        var ring = new EventRing(8);
        ring.Boot(0, BootReason.PowerOn, 1);
        ring.Tables(10, 3, 1, 7);
        var encoder = new StatusEncoder(_writer, MessageTap.PileId, MessageTap.Firmware);
        while (ring.TryRead(out var e))
            Assert.True(view.Apply(e));
        Assert.True(encoder.Online(view, 0, 0, new LinkStatistics(), 30, 0));
        var tables = Schemas.AssertValid("status", _writer).GetProperty("tables");
        Assert.Equal((3, 1, 7), (tables.GetProperty("tariff").GetInt32(), tables.GetProperty("schedule").GetInt32(), tables.GetProperty("fleet").GetInt32()));
        ring.Boot(40, BootReason.Planned, 2);
        view.Apply(Read(ring));
        Assert.Equal((0, 0, 0), (view.TariffVersion, view.ScheduleVersion, view.FleetVersion));
    }

    [Fact]
    public void AClearedFaultLeavesTheStatusAndABootForgetsFaults()
    {
        var view = new StatusView();
        var ring = new EventRing(8);
        ring.Boot(0, BootReason.PowerOn, 1);
        ring.Fault(10, Fault.ResidualCurrentDc, true, false, 0);
        ring.Fault(20, Fault.OverVoltage, true, true, 2);
        ring.Fault(30, Fault.ResidualCurrentDc, false, false, 1);
        var encoder = new StatusEncoder(_writer, MessageTap.PileId, MessageTap.Firmware);
        while (ring.TryRead(out var e))
            view.Apply(e);
        Assert.True(encoder.Online(view, 0, 0, new LinkStatistics(), 30, 0));
        var faults = Schemas.AssertValid("status", _writer).GetProperty("faults");
        Assert.Equal("supply-high", Assert.Single(faults.EnumerateArray()).GetProperty("detail").GetString());
        Assert.True(faults[0].GetProperty("latched").GetBoolean());

        ring.Boot(40, BootReason.PowerLoss, 2);
        view.Apply(Read(ring));
        Assert.True(encoder.Online(view, 0, 0, new LinkStatistics(), 40, 0));
        Assert.Equal(0, Schemas.AssertValid("status", _writer).GetProperty("faults").GetArrayLength());
    }

    [Fact]
    public void TheLastWillSaysOffline()
    {
        Assert.True(new StatusEncoder(_writer, MessageTap.PileId, MessageTap.Firmware).Offline());
        Assert.False(Schemas.AssertValid("status-offline", _writer).GetProperty("online").GetBoolean());
        Assert.Throws<Xunit.Sdk.FailException>(() => Schemas.AssertValid("status", _writer)); // the two forms are told apart
    }

    [Fact]
    public void TelemetrySinglePhaseWithEverything()
    {
        var s = new TelemetrySample
        {
            UptimeMs = 3_600_000, UnixS = Time, Cp = PilotState.C, AdvertisedMa = 16_000, Phases = 1, PowerW = 3663, EnergyWh = 1_240_000,
            FrequencyMhz = 49_980, EnclosureDeciC = -205, ConnectorDeciC = 301, SignalDbm = -71,
        };
        s.VoltageMv[0] = 230_150;
        s.CurrentMa[0] = 15_925;
        Assert.True(new TelemetryEncoder(_writer, MessageTap.PileId).Encode(s));
        var root = Schemas.AssertValid("telemetry", _writer);
        Assert.Equal(230.1m, root.GetProperty("voltageV")[0].GetDecimal());
        Assert.Equal(15.92m, root.GetProperty("currentA")[0].GetDecimal());
        Assert.Equal(16.0m, root.GetProperty("advertisedA").GetDecimal());
        Assert.Equal(49.98m, root.GetProperty("frequencyHz").GetDecimal());
        Assert.Equal(-20.5m, root.GetProperty("enclosureC").GetDecimal());
        Assert.Equal("C", root.GetProperty("cp").GetString());
    }

    [Fact]
    public void TelemetryCarriesTheSiteFiguresWithASiteMeter()
    {
        var site = new Runtime.SiteSnapshot();
        site.Write(Firmware.Site.SiteSetup.ModeSolar, Runtime.SiteReason.SolarExport, 10_000, 9_000, 3, -8_050, 12_340, 0);
        var s = new TelemetrySample { Cp = PilotState.C, AdvertisedMa = 10_000, Site = site };
        var encoder = new TelemetryEncoder(_writer, MessageTap.PileId);
        Assert.True(encoder.Encode(s));
        var figures = Schemas.AssertValid("telemetry", _writer).GetProperty("site");
        Assert.Equal("solar", figures.GetProperty("mode").GetString());
        Assert.Equal(-8.05m, figures.GetProperty("currentA")[0].GetDecimal()); // export
        Assert.Equal(12.34m, figures.GetProperty("currentA")[1].GetDecimal());
        Assert.Equal(10.0m, figures.GetProperty("headroomA").GetDecimal());
        Assert.Equal(9.0m, figures.GetProperty("capA").GetDecimal());
        Assert.Equal("solar", figures.GetProperty("reason").GetString());

        s.Site = null;
        Assert.True(encoder.Encode(s));
        Assert.False(Schemas.AssertValid("telemetry", _writer).TryGetProperty("site", out _));
    }

    [Fact]
    public void TelemetryThreePhaseAndWithoutMeterOrSensors()
    {
        var s = new TelemetrySample { Cp = PilotState.A, Phases = 3 };
        for (var i = 0; i < 3; i++)
        {
            s.VoltageMv[i] = 231_000 + i;
            s.CurrentMa[i] = 31_990;
        }
        var encoder = new TelemetryEncoder(_writer, MessageTap.PileId);
        Assert.True(encoder.Encode(s));
        Assert.Equal(3, Schemas.AssertValid("telemetry", _writer).GetProperty("currentA").GetArrayLength());

        s.SetMeter(null, 3);
        Assert.True(encoder.Encode(s));
        var bare = Schemas.AssertValid("telemetry", _writer);
        Assert.False(bare.TryGetProperty("energyWh", out _));
        Assert.False(bare.TryGetProperty("enclosureC", out _));
        Assert.False(bare.TryGetProperty("signalDbm", out _));
    }

    [Fact]
    public void EveryPilotStateIsInTheTelemetrySchema()
    {
        var encoder = new TelemetryEncoder(_writer, MessageTap.PileId);
        foreach (var state in Enum.GetValues<PilotState>())
        {
            Assert.True(encoder.Encode(new TelemetrySample { Cp = state }));
            Schemas.AssertValid("telemetry", _writer);
        }
    }

    public static IEnumerable<object[]> Scenarios() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.scn").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryMessageOfAnExampleScenarioIsValid(string name)
    {
        var seen = RunScenario(name, (schema, writer) => Schemas.AssertValid(schema, writer));
        Assert.Contains("status", seen);
        Assert.Contains("event-boot", seen);
    }

    [Fact]
    public void TheExampleScenariosProduceEveryEventMessageOfTheCore()
    {
        var seen = new HashSet<string>();
        foreach (var name in Scenarios().Select(s => (string)s[0]))
            seen.UnionWith(RunScenario(name, (_, _) => { }));
        Assert.Superset(new HashSet<string> { "status", "event-boot", "event-session-start", "event-session-end", "event-fault-raised", "event-fault-cleared" }, seen);
    }

    private static HashSet<string> RunScenario(string name, Action<string, JsonWriter> check)
    {
        var seen = new HashSet<string>();
        var parse = ScenarioParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".scn")));
        Assert.True(parse.Succeeded, parse.Error);
        var tap = new MessageTap((schema, writer) =>
        {
            seen.Add(schema);
            check(schema, writer);
        });
        Assert.Null(ScenarioRunner.Run(parse.Steps, ScenarioRunner.ConfigFor(parse.Steps), tap));
        return seen;
    }
}
