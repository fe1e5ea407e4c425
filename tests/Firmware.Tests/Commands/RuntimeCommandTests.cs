using System.Text.Json;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Metering;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// Every command and every rejection reason through the runtime: inbox, control thread, storage thread, result ring
/// (the network thread's side, busy for a full inbox, is i11's). Behaviour is judged on the simulated board.
/// </summary>
public class RuntimeCommandTests
{
    // 2025-11-24 was a Monday. 02:00Z is 10:00 in China (UTC+8), 12:00Z is 20:00.
    private const string MondayTenLocal = "2025-11-24T02:00:00Z";
    private const string MondayEightPmLocal = "2025-11-24T12:00:00Z";
    private const string WorkingHours = "\"version\":1,\"utcOffsetMin\":480,\"days\":[[480,1080],[480,1080],[480,1080],[480,1080],[480,1080],[0,0],[0,0]]";

    private static string Slots(Func<int, int> band) => "[" + string.Join(",", Enumerable.Range(0, 48).Select(band)) + "]";

    private static int OnPilot(int currentMa) => PilotDuty.ToCurrentMa(PilotDuty.FromCurrentMa(currentMa));

    /// <summary>Platform mode, the clock set, charging CARD-1 at 32 A from about 10 s.</summary>
    private static RuntimeCommands Charging(params string[] settings)
    {
        var f = new RuntimeCommands(new[] { "auth.mode=platform" }.Concat(settings).ToArray());
        f.H.At(10, "clock " + MondayTenLocal).At(100, "plug 32A");
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"CARD-1\""));
        f.H.At(1000, "ev ready").RunTo(10_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        return f;
    }

    public static TheoryData<string, string, string> EveryReason => new()
    {
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\",\"pad\":\"" + new string('x', 2100) + "\"}", "Rejected", CommandReasons.Oversized },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\"", "Rejected", CommandReasons.Malformed },
        { "{\"v\":1,\"cmd\":\"stop\",\"ttlS\":60}", "Rejected", CommandReasons.BadEnvelope },
        { "{\"v\":2,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60}", "Rejected", CommandReasons.UnsupportedVersion },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"dance\",\"ttlS\":60}", "Rejected", CommandReasons.UnknownCommand },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"expires\":\"2025-11-24T01:59:59Z\"}", "Rejected", CommandReasons.Expired },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":100,\"durationS\":60}", "Rejected", CommandReasons.BadArgument },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":16}}", "Rejected", CommandReasons.ConfirmRequired },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60}", "Rejected", CommandReasons.Refused },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"CARD-1\"}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"limit\",\"ttlS\":60,\"kw\":7.4,\"durationS\":60}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"availability\",\"ttlS\":60,\"state\":\"inoperative\"}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"clear-fault\",\"ttlS\":60,\"code\":\"rcd-ac\"}", "Rejected", CommandReasons.Refused },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"get\",\"keys\":[\"auth.mode\"]}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 2) + "}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"schedule\",\"ttlS\":60," + WorkingHours + "}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":1,\"mode\":\"replace\",\"tags\":[\"F-1\"]}", "Accepted", CommandReasons.Ok },
        { "{\"v\":1,\"id\":\"a\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":0,\"mode\":\"replace\",\"tags\":[\"F-1\"]}", "Rejected", CommandReasons.BadArgument },
    };

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void EveryCommandAndReasonIsAnsweredOnTheResultTopic(string command, string status, string reason)
    {
        var f = new RuntimeCommands("auth.mode=platform");
        f.H.At(10, "clock " + MondayTenLocal);
        var result = f.Send(command);
        Assert.Equal((status, reason), (result.GetProperty("status").GetString(), result.GetProperty("reason").GetString()));
    }

    [Fact]
    public void ACommandThatFindsTheInboxFullIsAnsweredBusyByTheNetworkThreadAndChangesNothing()
    {
        var f = new RuntimeCommands();
        f.H.RunTo(1000);
        var before = f.Results.Count;
        string Trigger(int n) => "{\"v\":1,\"id\":\"b" + n + "\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}";
        for (var n = 1; n <= PileRuntime.CommandInboxCapacity + 1; n++) // all in one tick, as a burst from the broker
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Trigger(n));
            Assert.True(f.H.Sim.Link.Inject(f.H.Sim.Topics.Commands, bytes, bytes.Length));
        }
        f.H.RunTo(f.H.NowMs + 1000);
        var results = f.Results.Skip(before).ToList();
        Assert.Equal(PileRuntime.CommandInboxCapacity + 1, results.Count);
        var busy = Assert.Single(results, r => r.GetProperty("status").GetString() == "Rejected");
        Answer.Rejected(busy, CommandReasons.Busy);
        Assert.Equal("b" + (PileRuntime.CommandInboxCapacity + 1), busy.GetProperty("id").GetString());
        Assert.All(results.Where(r => r.GetProperty("reason").GetString() != CommandReasons.Busy), r => Answer.Accepted(r));
        Answer.Accepted(f.Send(Trigger(PileRuntime.CommandInboxCapacity + 1))); // never reached the handler: not a replay
    }

    [Fact]
    public void ReplayedStaleClosedAndNoClockAreRejected()
    {
        var f = new RuntimeCommands("auth.mode=platform");
        Answer.Rejected(f.Send("{\"v\":1,\"id\":\"e\",\"cmd\":\"stop\",\"expires\":\"2099-01-01T00:00:00Z\"}"), CommandReasons.NoClock);
        f.H.At(f.H.NowMs + 10, "clock " + MondayEightPmLocal).RunTo(f.H.NowMs + 1000); // the boot's backlog drained, its status out
        var statuses = f.Published(f.H.Sim.Topics.Status).Count;
        Answer.Accepted(f.Send("{\"v\":1,\"id\":\"t\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}"));
        Assert.Equal(statuses + 1, f.Published(f.H.Sim.Topics.Status).Count);
        var replay = f.Send("{\"v\":1,\"id\":\"t\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}");
        Answer.Accepted(replay); // the first answer again
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(statuses + 1, f.Published(f.H.Sim.Topics.Status).Count); // the replay did not trigger again
        Answer.Accepted(f.Cmd("schedule", WorkingHours));
        Answer.Rejected(f.Cmd("schedule", WorkingHours), CommandReasons.StaleVersion);
        Answer.Rejected(f.Cmd("start", "\"idTag\":\"PUBLIC-1\""), CommandReasons.Closed);
    }

    [Fact]
    public void AStoredChangeIsAnsweredOnceTheStorageThreadHasWrittenItAndLaterCommandsWait()
    {
        var f = Charging();
        var advertised = f.OnPilotMa();
        f.H.Sim.StallStorageUntil(f.H.NowMs + 2000); // a slow flash: the storage thread is busy for 2 s
        var before = f.Results.Count;
        f.H.At(f.H.NowMs + 10, "cmd {\"v\":1,\"id\":\"s\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 1) + "}");
        f.H.At(f.H.NowMs + 10, "cmd {\"v\":1,\"id\":\"l\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10,\"durationS\":60}");
        f.H.RunTo(f.H.NowMs + 1500);
        Assert.Equal(before, f.Results.Count); // not answered before it is stored
        Assert.Equal(0, f.Runtime.Commands.Tariff.Version);
        Assert.Equal(advertised, f.OnPilotMa()); // the control thread ran on; the limit waits its turn
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        f.H.RunTo(f.H.NowMs + 900); // the limit is taken once the tariff's result is acknowledged
        var results = f.Results.Skip(before).ToList();
        Assert.Equal(["s", "l"], results.Select(r => r.GetProperty("id").GetString()));
        Answer.Accepted(results[0]);
        Assert.Equal("tariff stored", results[0].GetProperty("text").GetString());
        Assert.Equal(1, f.Runtime.Commands.Tariff.Version);
        Assert.Equal(OnPilot(10_000), f.OnPilotMa());
    }

    [Fact]
    public void AFailedWriteChangesNothing()
    {
        var f = new RuntimeCommands();
        f.H.Sim.Store.Broken = true;
        Answer.Rejected(f.Cmd("tariff", "\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 1)), CommandReasons.StorageFailed);
        Answer.Rejected(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}"), CommandReasons.StorageFailed);
        Assert.Equal(0, f.Runtime.Commands.Tariff.Version);
        Assert.Equal(120, f.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
        Assert.Empty(f.H.Of(EventKind.Tables));
        f.H.Sim.Store.Broken = false;
        Answer.Accepted(f.Cmd("tariff", "\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 1)));
    }

    [Fact]
    public void AStoredConfigSetIsOneConfigChangedEventPerChangedKeyJournaledAndPublished()
    {
        var f = new RuntimeCommands();
        f.H.RunTo(1000);
        f.H.Sim.Store.Broken = true;
        Answer.Rejected(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}"), CommandReasons.StorageFailed);
        f.H.Sim.Store.Broken = false;
        // auth.mode is set to what it is already: no change
        Answer.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300,\"auth.mode\":\"free\",\"pile.ratedCurrentA\":16},\"confirm\":true"));
        Answer.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}")); // stored again, changes nothing
        f.H.RunTo(f.H.NowMs + 2000);
        var expected = new[] { ("auth.timeoutS", "300", true), ("pile.ratedCurrentA", "16", true) };
        Assert.Equal(expected, f.H.ConfigChanges());
        Assert.Equal(2, f.H.ConfigChangeRecords());
        Assert.Equal(expected, f.H.ConfigChangesPublished());
    }

    [Fact]
    public void ALimitReachesThePilotInTheTickItArrivesAndEndsOnTime()
    {
        var f = Charging();
        Assert.Equal(OnPilot(32_000), f.OnPilotMa());
        var sentMs = f.H.NowMs + 10;
        Answer.Accepted(f.Cmd("limit", "\"amps\":10,\"durationS\":20"));
        Assert.Equal(sentMs, f.H.FirstTime(s => s.PilotMode == PilotMode.Pwm && PilotDuty.ToCurrentMa(s.DutyPermille) == OnPilot(10_000), sentMs));
        f.H.RunTo(sentMs + 19_990);
        Assert.Equal(OnPilot(10_000), f.OnPilotMa());
        f.H.RunTo(sentMs + 20_010);
        Assert.Equal(OnPilot(32_000), f.OnPilotMa()); // the previous limit (none) returns

        var pauseMs = f.H.NowMs + 10;
        Answer.Accepted(f.Cmd("limit", "\"amps\":4,\"durationS\":10"));
        Assert.Equal(pauseMs, f.H.FirstTime(s => s.PilotMode != PilotMode.Pwm, pauseMs)); // below 6 A: paused
        f.H.RunTo(pauseMs + 5000);
        Assert.Equal(ConnectorStatus.SuspendedEVSE, f.H.Pile.Status);
        f.H.RunTo(pauseMs + 10_020);
        Assert.Equal(OnPilot(32_000), f.OnPilotMa());
    }

    [Fact]
    public void TwoTariffBandsAddUpToTheSessionsEnergy()
    {
        var f = new RuntimeCommands("auth.mode=platform");
        f.H.At(10, "clock 2025-11-24T01:55:00Z"); // 09:55 in China: band 1 until 10:00, band 3 from then
        Answer.Accepted(f.Cmd("tariff", "\"version\":4,\"utcOffsetMin\":480,\"slots\":" + Slots(slot => slot < 20 ? 1 : 3)));
        f.H.At(100, "plug 32A");
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"CARD-1\""));
        f.H.At(1000, "ev ready").RunTo(600_000).At(600_000, "unplug").RunTo(610_000);
        var end = Assert.Single(f.Published(f.H.Sim.Topics.Events), e => e.GetProperty("event").GetString() == "session-end");
        var wh = end.GetProperty("bandsWh").EnumerateArray().Select(b => b.GetInt64()).ToArray();
        Assert.Equal(4, wh.Length);
        Assert.Equal(end.GetProperty("energyWh").GetInt64(), wh.Sum());
        Assert.True(wh[1] > 500 && wh[3] > 500, string.Join(",", wh)); // about 5 min at 7.4 kW on each side of 10:00
        Assert.Equal(0, wh[0] + wh[2]);
        Assert.Equal(f.H.Sim.Meter.ImportWh - SimMeter.InitialImportWh, end.GetProperty("energyWh").GetInt64()); // what the meter counted
    }

    [Fact]
    public void AKilowattLimitUsesThePhasesInForceAndAStoredPhaseChangeOnlyFromTheNextBoot()
    {
        var f = Charging("pile.phases=3");
        Answer.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"pile.phases\":\"1\"},\"confirm\":true"));
        Answer.Accepted(f.Cmd("limit", "\"kw\":6.9,\"durationS\":600"));
        Assert.Equal(OnPilot(10_000), f.OnPilotMa()); // 6.9 kW over the three phases the pile still runs with

        f.H.At(f.H.NowMs + 10, "reboot").RunTo(f.H.NowMs + 1000 + Supervision.PlannedRebootTests.LeftTheBrokerMs);
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"CARD-1\""));
        f.H.RunTo(f.H.NowMs + 5000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        Answer.Accepted(f.Cmd("limit", "\"kw\":6.9,\"durationS\":600"));
        Assert.Equal(OnPilot(30_000), f.OnPilotMa()); // single phase since the reboot: all of it on one
    }

    [Fact]
    public void TheBandsAreJournaledWithTheCloseAndSurviveAPowerCutBeforeTheyAreSent()
    {
        var f = new RuntimeCommands("auth.mode=platform");
        f.H.At(10, "clock 2025-11-24T01:55:00Z");
        Answer.Accepted(f.Cmd("tariff", "\"version\":4,\"utcOffsetMin\":480,\"slots\":" + Slots(slot => slot < 20 ? 1 : 3)));
        f.H.At(100, "plug 32A");
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"CARD-1\""));
        f.H.At(1000, "ev ready").At(500_000, "link down").At(600_000, "unplug").At(605_000, "power cut")
            .At(606_000, "power restore").At(607_000, "link up").RunTo(700_000); // the end waits in the outbox through the cut
        var ends = f.H.Recorder.Lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("ev").GetString() == "mqtt" && e.GetProperty("dir").GetString() == "out" &&
                        e.GetProperty("topic").GetString() == f.H.Sim.Topics.Events && e.GetProperty("t").GetInt64() > 606_000 &&
                        e.GetProperty("payload").GetProperty("event").GetString() == "session-end")
            .Select(e => e.GetProperty("payload")).ToList();
        var end = Assert.Single(ends);
        var wh = end.GetProperty("bandsWh").EnumerateArray().Select(b => b.GetInt64()).ToArray();
        Assert.Equal(end.GetProperty("energyWh").GetInt64(), wh.Sum());
        Assert.True(wh[1] > 500 && wh[3] > 500, string.Join(",", wh));
    }

    [Fact]
    public void OutsideOpeningHoursAFleetTagChargesAndAPublicStartIsRefused()
    {
        var f = new RuntimeCommands("auth.mode=platform");
        f.H.At(10, "clock " + MondayEightPmLocal);
        Answer.Accepted(f.Cmd("schedule", WorkingHours));
        Answer.Accepted(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"FLEET-7\"]"));
        f.H.At(1000, "plug 32A");
        Answer.Rejected(f.Cmd("start", "\"idTag\":\"PUBLIC-1\""), CommandReasons.Closed);
        Assert.Equal("outside opening hours only fleet id tags may charge", f.H.Pile.Authorize("PUBLIC-2")); // a local card too
        f.H.At(2000, "ev ready").RunTo(5000);
        Assert.False(f.H.Board.Contactor.Commanded);
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"FLEET-7\""));
        f.H.RunTo(10_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        Assert.Equal("FLEET-7", Assert.Single(f.H.SessionStarts()).Text2);
    }

    [Fact]
    public void InsideOpeningHoursThePublicCharges()
    {
        var f = new RuntimeCommands("auth.mode=platform");
        f.H.At(10, "clock " + MondayTenLocal);
        Answer.Accepted(f.Cmd("schedule", WorkingHours));
        f.H.At(1000, "plug 32A");
        Answer.Accepted(f.Cmd("start", "\"idTag\":\"PUBLIC-1\""));
        f.H.At(2000, "ev ready").RunTo(10_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
    }

    [Fact]
    public void AFreeModePileIsUnavailableOutsideOpeningHoursAndOpensOnTime()
    {
        var f = new RuntimeCommands();
        f.H.At(10, "clock 2025-11-24T00:00:00Z"); // 08:00 local, open
        Answer.Accepted(f.Cmd("schedule", "\"version\":1,\"utcOffsetMin\":480,\"days\":[[480,481],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]"));
        f.H.RunTo(60_100); // 08:01: closed
        Assert.Equal(ConnectorStatus.Unavailable, f.H.Pile.Status);
        f.H.At(61_000, "plug 32A").At(62_000, "ev ready").RunTo(70_000);
        Assert.Equal(PilotMode.StateF, f.H.Board.Pilot.Mode);
        Assert.False(f.H.Board.Contactor.Commanded);
        Assert.Contains(f.H.Commands("plug-in"), e => !e.Flag && e.Text2.StartsWith("outside opening hours"));
    }

    [Fact]
    public void WithTheLinkDownOnlyFleetTagsStartUnderTheFleetPolicy()
    {
        var f = new RuntimeCommands("auth.mode=platform", "auth.offline=fleet", "link.keepAliveS=60");
        Answer.Accepted(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"FLEET-7\"]"));
        f.H.At(500, "link down").RunTo(70_000); // the pile notices after a keepalive (60 s here)
        Assert.True(f.LinkChangedAtMs(false) > 500);
        f.H.At(70_000, "plug 32A");
        Assert.StartsWith("platform link down: only fleet id tags", f.H.Pile.Authorize("PUBLIC-1"));
        Assert.Null(f.H.Pile.Authorize("FLEET-7"));
        f.H.At(71_000, "ev ready").RunTo(80_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        Assert.True(Assert.Single(f.H.SessionStarts()).IsOffline());
    }

    [Fact]
    public void TheFallbackLimitWaitsForTheLinksGrace()
    {
        var f = Charging("link.fallbackAfterS=30", "link.keepAliveS=60");
        f.H.At(20_000, "link down").RunTo(90_000); // the pile notices after a keepalive (60 s here): the grace starts then
        var noticedMs = f.LinkChangedAtMs(false);
        Assert.InRange(noticedMs, 79_000, 81_000);
        f.H.RunTo(noticedMs + 29_990);
        Assert.Equal(OnPilot(32_000), f.OnPilotMa()); // a short loss is ridden out
        f.H.RunTo(noticedMs + 30_020);
        Assert.Equal(OnPilot(6_000), f.OnPilotMa());
        f.H.At(f.H.NowMs + 10, "link up");
        for (var t = f.H.NowMs; f.LinkChangedAtMs(true) < noticedMs; t += 1000)
        {
            Assert.True(t < noticedMs + 400_000, "no reconnect within the backoff's cap (300 s)");
            f.H.RunTo(t);
        }
        f.H.RunTo(f.LinkChangedAtMs(true) + 20);
        Assert.Equal(OnPilot(32_000), f.OnPilotMa());
    }

    [Fact]
    public void InoperativeAfterTheRunningSession()
    {
        var f = Charging();
        Answer.Accepted(f.Cmd("availability", "\"state\":\"inoperative\""));
        f.H.RunTo(20_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed); // the session runs on
        f.H.At(20_000, "unplug").RunTo(21_000);
        Assert.Equal(ConnectorStatus.Unavailable, f.H.Pile.Status);
        Answer.Accepted(f.Cmd("availability", "\"state\":\"operative\""));
        f.H.RunTo(f.H.NowMs + 100);
        Assert.Equal(ConnectorStatus.Available, f.H.Pile.Status);
    }

    [Fact]
    public void RebootWaitsForTheSessionOrComesNow()
    {
        var f = Charging();
        Answer.Accepted(f.Cmd("reboot", "\"when\":\"idle\""));
        f.H.RunTo(20_000);
        Assert.Equal(1, f.H.Sim.Boots);
        f.H.At(20_000, "unplug").RunTo(22_000);
        Assert.Equal(2, f.H.Sim.Boots);
        Assert.Equal(BootReason.Planned, f.H.Sim.LastBoot.Reason);
        Answer.Accepted(f.Cmd("reboot", "\"when\":\"now\""));
        f.H.RunTo(f.H.NowMs + 100 + Supervision.PlannedRebootTests.LeftTheBrokerMs); // once it has left the broker
        Assert.Equal(3, f.H.Sim.Boots);
    }

    [Fact]
    public void AWaitingRebootLetsAPendingWriteBeAnsweredFirst()
    {
        var f = Charging();
        Answer.Accepted(f.Cmd("reboot", "\"when\":\"idle\""));
        f.H.Sim.StallStorageUntil(f.H.NowMs + 3000); // a slow flash
        var before = f.Results.Count;
        f.H.At(f.H.NowMs + 10, "cmd {\"v\":1,\"id\":\"s\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":1,\"mode\":\"replace\",\"tags\":[\"F\"]}");
        f.H.At(f.H.NowMs + 500, "unplug").RunTo(f.H.NowMs + 2000); // the session ends while the write is pending
        Assert.Equal(1, f.H.Sim.Boots);
        f.H.RunTo(f.H.NowMs + 2000);
        Assert.Equal(2, f.H.Sim.Boots);
        Answer.Accepted(Assert.Single(f.Results.Skip(before))); // answered before the reboot
        Assert.Equal(1, f.Runtime.Commands.Fleet.Version);
    }

    [Fact]
    public void TriggerMakesTheNetworkThreadPublishOnceWithTheResult()
    {
        var f = new RuntimeCommands();
        f.H.RunTo(1000); // connected: the first status and telemetry are out; the next idle telemetry is 15 min away
        var topics = f.H.Sim.Topics;
        var (statuses, telemetry) = (f.Published(topics.Status).Count, f.Published(topics.Telemetry).Count);
        Answer.Accepted(f.Cmd("trigger", "\"what\":\"telemetry\""));
        Assert.Equal((statuses, telemetry + 1), (f.Published(topics.Status).Count, f.Published(topics.Telemetry).Count));
        f.H.RunTo(f.H.NowMs + 120_000);
        Assert.Equal((statuses, telemetry + 1), (f.Published(topics.Status).Count, f.Published(topics.Telemetry).Count));
        Answer.Accepted(f.Cmd("trigger", "\"what\":\"status\""));
        Assert.Equal((statuses + 1, telemetry + 1), (f.Published(topics.Status).Count, f.Published(topics.Telemetry).Count));
        f.H.RunTo(f.H.NowMs + 120_000);
        Assert.Equal((statuses + 1, telemetry + 1), (f.Published(topics.Status).Count, f.Published(topics.Telemetry).Count));
    }

    [Fact]
    public void ClearFaultClearsTheNamedLatchedFault()
    {
        var f = Charging("fault.rcd.retries=0");
        f.H.At(20_000, "rcd ac 40mA").At(21_000, "rcd clear").RunTo(22_000);
        Assert.Equal(ConnectorStatus.Faulted, f.H.Pile.Status);
        Answer.Rejected(f.Cmd("clear-fault", "\"code\":\"cp-short\""), CommandReasons.Refused);
        Answer.Accepted(f.Cmd("clear-fault", "\"code\":\"rcd-ac\""));
        f.H.RunTo(f.H.NowMs + 100);
        Assert.NotEqual(ConnectorStatus.Faulted, f.H.Pile.Status);
    }

    [Fact]
    public void TableVersionsReachTheStatusAndComeBackAfterAReboot()
    {
        var f = new RuntimeCommands();
        Answer.Accepted(f.Cmd("tariff", "\"version\":3,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 0)));
        Answer.Accepted(f.Cmd("fleet-list", "\"version\":7,\"mode\":\"replace\",\"tags\":[\"F\"]"));
        var view = new StatusView();
        foreach (var e in f.H.Recorder.Events)
            view.Apply(e);
        Assert.Equal((3, 0, 7), (view.TariffVersion, view.ScheduleVersion, view.FleetVersion));
        f.H.At(f.H.NowMs + 10, "reboot").RunTo(f.H.NowMs + 100 + Supervision.PlannedRebootTests.LeftTheBrokerMs);
        var afterBoot = new StatusView();
        foreach (var e in f.H.Recorder.Events.SkipWhile(e => e.Kind != EventKind.Boot || e.Value != 2))
            afterBoot.Apply(e);
        Assert.Equal((3, 0, 7), (afterBoot.TariffVersion, afterBoot.ScheduleVersion, afterBoot.FleetVersion));
    }

    [Fact]
    public void TheRetainedStatusCarriesTheStoredTableVersionsAndIsPublishedWhenOneChanges()
    {
        var f = new RuntimeCommands();
        f.H.RunTo(1000);
        var topics = f.H.Sim.Topics;
        static (int, int, int) Tables(JsonElement status)
        {
            var t = status.GetProperty("tables");
            return (t.GetProperty("tariff").GetInt32(), t.GetProperty("schedule").GetInt32(), t.GetProperty("fleet").GetInt32());
        }
        Assert.Equal((0, 0, 0), Tables(f.Published(topics.Status).Last()));
        var statuses = f.Published(topics.Status).Count;
        Answer.Accepted(f.Cmd("tariff", "\"version\":3,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 0)));
        f.H.RunTo(f.H.NowMs + 100);
        Assert.Equal(statuses + 1, f.Published(topics.Status).Count); // a status of its own for the change
        Assert.Equal((3, 0, 0), Tables(f.Published(topics.Status).Last()));
        Answer.Accepted(f.Cmd("fleet-list", "\"version\":7,\"mode\":\"replace\",\"tags\":[\"F\"]"));
        f.H.RunTo(f.H.NowMs + 100);
        Assert.Equal((3, 0, 7), Tables(f.Published(topics.Status).Last()));
        f.H.At(f.H.NowMs + 10, "reboot").RunTo(f.H.NowMs + 3000);
        Assert.Equal(2, f.H.Sim.Boots);
        var last = f.Published(topics.Status).Last();
        Assert.Equal(2, last.GetProperty("boot").GetProperty("number").GetInt32());
        Assert.Equal((3, 0, 7), Tables(last)); // the stored versions, told again by the next boot
    }
}
