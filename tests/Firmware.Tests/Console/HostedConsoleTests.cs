using System.Text;
using System.Text.RegularExpressions;
using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// The console as the running pile hosts it (PileRuntime's console thread, the shell after the control tick, flash
/// writes by the storage thread), driven through the simulated pile's console port on virtual time: what the tests of
/// the rig cannot show, because there the test runs both halves itself.
/// </summary>
public class HostedConsoleTests
{
    private readonly PileHarness _pile;
    private int _seen;

    public HostedConsoleTests() : this(new PileHarness())
    {
    }

    private HostedConsoleTests(PileHarness pile)
    {
        _pile = pile;
    }

    /// <summary>Types the bytes, lets the pile run <paramref name="forMs"/>, returns the lines the console printed meanwhile.</summary>
    private string Type(string bytes, long forMs = 200)
    {
        var data = Encoding.ASCII.GetBytes(bytes);
        Assert.True(_pile.Sim.ConsolePort.Type(data, 0, data.Length));
        _pile.RunTo(_pile.NowMs + forMs);
        var lines = _pile.Recorder.ConsoleLines.Skip(_seen).ToList();
        _seen = _pile.Recorder.ConsoleLines.Count;
        return string.Join("\n", lines) + "\n";
    }

    private string Run(string line, long forMs = 200) => Type(line + "\r", forMs);

    /// <summary>Logs in with the factory PIN and types the technician PIN once: the next line typed is the PIN again.</summary>
    private void StartPinChange()
    {
        Run("login");
        Run(ConsoleRig.FactoryPin);
        Run("pin change");
        Run(ConsoleRig.TechnicianPin);
    }

    /// <summary>A power cut and, a second later, the power back: the pile boots again.</summary>
    private void PowerCycle() => _pile.At(_pile.NowMs + 10, "power cut").At(_pile.NowMs + 1000, "power restore").RunTo(_pile.NowMs + 1100);

    /// <summary>A pin change whose save the flash refuses; the flash works again right after.</summary>
    private void RefusedPinChange()
    {
        StartPinChange();
        _pile.Sim.Store.Broken = true;
        Assert.Contains("error: the flash refused the new PIN: it holds now and the pile writes it again every 5 s, but until a write succeeds a restart brings back the old PIN\n",
            Run(ConsoleRig.TechnicianPin));
        _pile.Sim.Store.Broken = false;
    }

    private void Commission()
    {
        StartPinChange();
        Assert.Contains("PIN changed; logged in", Run(ConsoleRig.TechnicianPin));
    }

    [Fact]
    public void TheRunningPileAnswersOnItsConsolePort()
    {
        var printed = Run("status");
        Assert.Contains("pile> status\n", printed);
        Assert.Contains("status        Available\n", printed);
        Assert.Contains("{\"t\":", _pile.Recorder.Lines.Last(l => l.Contains("\"ev\":\"console\",\"line\":\"status        Available\"")));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void EveryLineEndingEndsALine(string ending)
    {
        var printed = Type("version" + ending + "version" + ending, 400);
        Assert.Equal(2, printed.Split('\n').Count(l => l.StartsWith("firmware")));
        Assert.DoesNotContain("error", printed);
    }

    [Fact]
    public void ConfigSetIsStoredByTheStorageThreadAndAppliesFromTheNextBoot()
    {
        Commission();
        var printed = Run("config set pile.ratedCurrentA 16");
        Assert.Contains("stored pile.ratedCurrentA=16; it applies at the next reboot\n", printed);
        Assert.Contains("pile.ratedCurrentA=16", Encoding.ASCII.GetString(NewestConfig()));
        Assert.Contains("rebooting", Run("reboot", 500));
        Assert.Equal(2, _pile.Sim.Boots);
        Assert.Equal(16, _pile.Sim.Runtime.Config.Get(ConfigKeys.RatedCurrentA));
        Assert.Contains("value         16\n", Run("config get pile.ratedCurrentA"));
    }

    [Fact]
    public void TheReplyToConfigSetWaitsForTheFlashWrite()
    {
        Commission();
        _pile.Sim.StallStorageUntil(_pile.NowMs + 2000);
        Assert.DoesNotContain("stored", Run("config set pile.ratedCurrentA 16", 1000));
        Assert.Empty(NewestConfig());
        Assert.Contains("stored pile.ratedCurrentA=16", Type("", 2000));
        Assert.Contains("pile.ratedCurrentA=16", Encoding.ASCII.GetString(NewestConfig()));
    }

    [Fact]
    public void AnInvalidConfigValueIsRefusedWithItsRangeAndNothingIsStored()
    {
        Commission();
        Assert.Contains("error: pile.ratedCurrentA: 70 is out of range", Run("config set pile.ratedCurrentA 70"));
        Assert.Empty(NewestConfig());
        Assert.Equal(32, _pile.Sim.Runtime.Config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void SelfTestRcdRunsTheTestAndReportsAPass()
    {
        Commission();
        var started = _pile.Board.ResidualCurrent.TestsStarted;
        Assert.Contains("residual-current self-test passed\n", Run("selftest rcd", 1000));
        Assert.Equal(started + 1, _pile.Board.ResidualCurrent.TestsStarted);
    }

    [Fact]
    public void SelfTestRcdReportsABrokenDevice()
    {
        Commission();
        _pile.At(_pile.NowMs + 10, "rcd selftest-broken");
        var printed = Run("selftest rcd", 2000);
        Assert.Contains("error: the residual-current device failed its self-test (fault rcd-selftest; see faults)\n", printed);
        Assert.True(_pile.Pile.Faults.IsRaised(Fault.ResidualCurrentSelfTest));
    }

    [Fact]
    public void SelfTestRcdIsRefusedWhileCharging()
    {
        var pile = new HostedConsoleTests(new PileHarness().Charging());
        pile.Commission();
        var started = pile._pile.Board.ResidualCurrent.TestsStarted;
        Assert.Contains("error: refused while charging: stop the charge first\n", pile.Run("selftest rcd", 1000));
        Assert.Equal(started, pile._pile.Board.ResidualCurrent.TestsStarted);
        Assert.True(pile._pile.Pile.ContactorClosed);
    }

    [Fact]
    public void FailedLoginsAndProtectedCommandsGoIntoTheEventStreamWithTheirTime()
    {
        Run("login");
        Run("999999");
        Run("stop");
        Commission();
        Run("limit 10");
        var console = _pile.Of(EventKind.Console).ToList();
        Assert.Contains(console, e => e.Text == "login" && !e.Flag && e.Text2.StartsWith("wrong PIN (1 of 5"));
        Assert.Contains(console, e => e.Text == "stop" && !e.Flag && e.Text2 == "not logged in: type login");
        Assert.Contains(console, e => e.Text == "limit 10" && e.Flag && e.TimeMs > 0);
        Assert.Contains(_pile.Recorder.Lines, l => l.Contains("\"ev\":\"console\",\"action\":\"limit 10\",\"accepted\":true"));
        Assert.DoesNotContain(_pile.Recorder.Lines, l => l.Contains("999999") || l.Contains(ConsoleRig.TechnicianPin));
    }

    [Fact]
    public void FailedLoginsAndProtectedCommandsAreJournalledAndSurviveAPowerCut()
    {
        Run("login");
        Run("999999");
        Commission();
        Run("limit 10");
        _pile.At(_pile.NowMs + 10, "power cut").At(_pile.NowMs + 1000, "power restore");
        var console = JournalFile.Records(_pile.Sim.Store).Where(r => r.Kind == JournalRecordKind.Console).ToList();
        Assert.Contains(console, r => r.SessionId == "login" && !r.Active && r.IdTag.StartsWith("wrong PIN (1 of 5"));
        Assert.Contains(console, r => r.SessionId == "limit 10" && r.Active && r.IdTag == "");
        Assert.Contains(console, r => r.SessionId == "pin change" && r.Active);
    }

    [Fact]
    public void CompactionKeepsTheLatestConsoleRecords()
    {
        for (var i = 0; i < JournalSummary.KeptConsoleRecords + 5; i++)
        {
            Run("login");
            Run("99999" + (i % 10));
            Run("\x03"); // nothing: the lock-out after five is fine, each refusal is a record
        }
        var journal = new Journal(_pile.Sim.Store, 1, 1);
        journal.Open();
        journal.Compact();
        var kept = JournalFile.Records(_pile.Sim.Store).Where(r => r.Kind == JournalRecordKind.Console).ToList();
        Assert.Equal(JournalSummary.KeptConsoleRecords, kept.Count);
        Assert.Equal("login", kept[^1].SessionId);
    }

    [Fact]
    public void FaultsShowsARaisedAndClearedFaultWithItsTimesAndKeepsItAfterAReboot()
    {
        _pile.At(_pile.NowMs + 10, "estop press").At(_pile.NowMs + 2000, "estop release");
        var printed = Run("faults", 3000);
        Assert.Matches(@"at=boot 1 \+\d+s code=emergency-stop change=cleared\n.*at=boot 1 \+\d+s code=emergency-stop change=raised", printed.Replace("\r", ""));
        _pile.At(_pile.NowMs + 10, "power cut").At(_pile.NowMs + 1000, "power restore");
        printed = Run("faults", 500);
        Assert.Matches(@"at=boot 1 \+\d+s code=emergency-stop change=cleared\n.*at=boot 1 \+\d+s code=emergency-stop change=raised", printed.Replace("\r", ""));
    }

    [Fact]
    public void SessionsShowThoseOfEarlierBootsFromTheJournal()
    {
        var t = _pile.NowMs;
        _pile.At(t + 10, "clock 2026-11-28T10:00:00Z")
            .At(t + 1_000, "plug 32A").At(t + 2_000, "ev ready").At(t + 62_000, "unplug") // 1-1: a minute
            .At(t + 70_000, "plug 32A").At(t + 71_000, "ev ready").At(t + 100_000, "power cut") // 1-2: cut off
            .At(t + 101_000, "power restore").At(t + 110_000, "unplug").RunTo(t + 120_000);
        // 1-2 ran into the power cut: no one clock saw both its ends, so its duration is not known
        const string oneOne = "  id=1-1 idTag= startUnixS=1795860002 durationS=59 energyWh=115 end=EVDisconnected offline=false unmetered=false\n";
        const string oneTwo = "  id=1-2 idTag= startUnixS=1795860071 energyWh=55 end=PowerLoss offline=false unmetered=false\n";
        const string twoOne = "  id=2-1 idTag= startUnixS=1795860101 durationS=8 energyWh=16 end=EVDisconnected offline=false unmetered=false\n";
        var before = Run("sessions 5");
        Assert.EndsWith("sessions:\n" + twoOne + oneTwo + oneOne, before);

        _pile.At(_pile.NowMs + 10, "power cut").At(_pile.NowMs + 1000, "power restore").RunTo(_pile.NowMs + 5000);
        Assert.EndsWith("sessions:\n" + twoOne + oneTwo + oneOne, Run("sessions 5")); // 2-1 now from the journal too
        Assert.EndsWith("sessions:\n" + twoOne + oneTwo, Run("sessions 2"));
    }

    [Fact]
    public void ASessionThePowerCutEndedShowsOnceWhileItsStopReadingIsAwaitedAndAfter()
    {
        var t = _pile.NowMs;
        _pile.At(t + 10, "clock 2026-11-28T10:00:00Z")
            .At(t + 1_000, "plug 32A").At(t + 2_000, "ev ready").At(t + 60_000, "meter offline")
            .At(t + 61_000, "power cut").At(t + 62_000, "power restore").RunTo(t + 70_000);
        var waiting = Run("sessions 5");
        Assert.Single(Regex.Matches(waiting, "id=1-1 "));
        Assert.Contains("end=PowerLoss", waiting);

        _pile.RunTo(t + 62_000 + 301_000); // meter.stopReadingWaitS has passed: its end has gone out
        Assert.Single(Regex.Matches(Run("sessions 5"), "id=1-1 "));
    }

    [Fact]
    public void AConsoleRebootWaitsForTheAccessRecordsQueuedSave()
    {
        Commission();
        Run("logout");
        for (var i = 0; i < 3; i++)
        {
            Run("login");
            Run("111111");
        }
        _pile.Sim.StallStorageUntil(_pile.NowMs + 5000); // a slow flash write (a journal compaction, say)
        Run("login");
        Assert.Contains("logged in", Run(ConsoleRig.TechnicianPin)); // the failure count goes back to 0: a save, queued
        Assert.Contains("rebooting", Run("reboot", 500));
        Assert.Equal(1, _pile.Sim.Boots); // not yet: the save waits for the storage thread
        _pile.RunTo(_pile.NowMs + 6000);
        Assert.Equal(2, _pile.Sim.Boots);
        Assert.Equal(BootReason.Planned, _pile.Sim.LastBoot.Reason);

        Run("login");
        Run("111111");
        Run("login");
        Assert.DoesNotContain("locked", Run("111111")); // two wrong PINs after a good one
    }

    [Fact]
    public void VersionIsTheOneThePlatformsStatusCarries()
    {
        _pile.RunTo(_pile.NowMs + 5000);
        var status = _pile.Recorder.Lines.Last(l => l.Contains("\"ev\":\"mqtt\"") && l.Contains("/status"));
        var version = System.Text.RegularExpressions.Regex.Match(status, "firmware\\\\?\":\\\\?\"([0-9.]+)").Groups[1].Value;
        Assert.NotEqual("", version);
        Assert.Contains("firmware      " + version + "\n", Run("version"));
    }

    [Fact]
    public void AJsonReplyIsOneTraceEventHoweverLong()
    {
        Run("mode json");
        var reply = Run("config list").TrimEnd('\n');
        Assert.True(reply.Length > 1000, reply);
        using var json = System.Text.Json.JsonDocument.Parse(reply);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(ConfigKeys.All.Length, json.RootElement.GetProperty("config").EnumerateObject().Count());
    }

    [Fact]
    public void FaultsShowsUtcTimesOnceTheWallClockIsKnown()
    {
        _pile.At(_pile.NowMs + 10, "clock 2026-11-28T10:00:00Z").At(_pile.NowMs + 100, "estop press").At(_pile.NowMs + 2100, "estop release");
        var printed = Run("faults", 3000);
        Assert.Contains("at=2026-11-28T10:00:02Z code=emergency-stop change=cleared", printed);
        Assert.Contains("at=2026-11-28T10:00:00Z code=emergency-stop change=raised", printed);
    }

    [Fact]
    public void ALockOutOutlastsAPowerCut()
    {
        Commission();
        Run("logout");
        for (var i = 0; i < ConsoleAccess.MaxFailures; i++)
        {
            Run("login");
            Run("111111");
        }
        _pile.At(_pile.NowMs + 10, "power cut").At(_pile.NowMs + 1000, "power restore");
        Assert.Contains("error: console locked for another 300 s after 5 wrong PINs", Run("login"));
    }

    [Fact]
    public void ALoginEndsAfterTenMinutesIdle()
    {
        Commission();
        _pile.RunTo(_pile.NowMs + ConsoleAccess.IdleLogoutMs + 100);
        Assert.Contains("error: not logged in: the login ended after 10 minutes idle; type login", Run("stop"));
    }

    [Fact]
    public void TypingIsRefusedWhileThePowerIsOff()
    {
        _pile.At(100, "power cut");
        Assert.Equal("the pile is off: nothing reads the console ('power restore' first)", _pile.TryAt(200, "console status"));
    }

    [Fact]
    public void TheFactoryPinOnlyAllowsPinChange()
    {
        Run("login");
        Run(ConsoleRig.FactoryPin);
        Assert.Contains("error: the factory PIN only allows 'pin change'", Run("limit 10"));
    }

    [Fact]
    public void MachineModeAnswersOneJsonLineAReply()
    {
        Run("mode json");
        var printed = Run("version");
        Assert.Contains("{\"ok\":true,\"cmd\":\"version\",\"firmware\":\"1.0.0\"}\n", printed);
    }

    [Fact]
    public void TheAccessRecordIsWrittenByTheStorageThread()
    {
        Commission();
        Assert.True(_pile.Sim.Store.DurableContent(ConsoleAccessStore.FileName).Length > 0);
    }

    [Fact]
    public void ALockOutWhileTheFlashIsSlowStillReachesItAndOutlastsAPowerCut()
    {
        Commission();
        Run("logout");
        _pile.Sim.StallStorageUntil(_pile.NowMs + 5000); // the storage thread is stuck in a long write meanwhile
        for (var i = 0; i < ConsoleAccess.MaxFailures; i++)
        {
            Run("login");
            Run("111111");
        }
        Assert.Contains("error: console locked for another", Run("login"));
        _pile.RunTo(_pile.NowMs + 5000); // storage catches up: the first failure, then the newest state
        PowerCycle();
        Assert.Equal(2, _pile.Sim.Boots);
        Assert.Matches("error: console locked for another 29[0-9] s after 5 wrong PINs", Run("login"));
    }

    [Fact]
    public void AConfigSetTheFlashCannotStoreChangesNothingAndOnlyAStoredChangeIsAConfigChangedEvent()
    {
        Commission();
        _pile.Sim.Store.Broken = true;
        Assert.Contains("error: could not store the configuration on flash: nothing was changed\n", Run("config set pile.ratedCurrentA 16"));
        Assert.Contains("value         32\n", Run("config get pile.ratedCurrentA"));
        _pile.Sim.Store.Broken = false;
        Assert.Contains("stored pile.ratedCurrentA=16", Run("config set pile.ratedCurrentA 16"));
        Assert.Contains("value         16\n", Run("config get pile.ratedCurrentA"));
        Assert.Contains("stored pile.ratedCurrentA=16", Run("config set pile.ratedCurrentA 16")); // stored again, changes nothing
        _pile.RunTo(_pile.NowMs + 2000);
        var expected = new[] { ("pile.ratedCurrentA", "16", true) }; // journaled and published once
        Assert.Equal(expected, _pile.ConfigChanges());
        Assert.Equal(1, _pile.ConfigChangeRecords());
        Assert.Equal(expected, _pile.ConfigChangesPublished());
    }

    [Fact]
    public void APinChangeAnswersOnceTheNewPinIsOnFlash()
    {
        StartPinChange();
        _pile.Sim.StallStorageUntil(_pile.NowMs + 3000);
        Assert.DoesNotContain("PIN changed", Run(ConsoleRig.TechnicianPin, 1000)); // the storage thread is stuck
        Assert.Contains("PIN changed; logged in\n", Type("", 3000));
        PowerCycle();
        Run("login");
        Assert.Contains("logged in\n", Run(ConsoleRig.TechnicianPin));
    }

    [Fact]
    public void APinChangeTheFlashCannotStoreSaysSo()
    {
        RefusedPinChange();
        PowerCycle();
        Run("login");
        Assert.Contains("logged in with the factory PIN", Run(ConsoleRig.FactoryPin)); // as it said: the old one
    }

    [Fact]
    public void ARefusedPinIsWrittenAgainUntilItHolds()
    {
        RefusedPinChange();
        _pile.RunTo(_pile.NowMs + ConsoleAccessStore.RetryAfterFailureMs + 500);
        PowerCycle();
        Run("login");
        Assert.Contains("logged in\n", Run(ConsoleRig.TechnicianPin));
    }

    [Fact]
    public void ALockOutWhoseWriteFailsOnceStillReachesTheFlash()
    {
        Commission();
        Run("logout");
        for (var i = 0; i < ConsoleAccess.MaxFailures - 1; i++)
        {
            Run("login");
            Run("111111");
        }
        Run("login");
        _pile.Sim.Store.Broken = true; // one failed write (a worn block, a partition full for a moment)
        Assert.Contains("console locked for 5 minutes", Run("111111"));
        _pile.Sim.Store.Broken = false;
        _pile.RunTo(_pile.NowMs + ConsoleAccessStore.RetryAfterFailureMs + 500); // no later save comes while locked
        PowerCycle();
        Assert.Contains("error: console locked for another", Run("login"));
    }

    private const string PlatformConfigSet =
        "cmd {\"v\":1,\"id\":\"c\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}}";

    private string LastCommandResult() => _pile.Recorder.Lines.Last(l => l.Contains("cmd/result"));

    /// <summary>After a reboot: what the flash holds is what each side was told.</summary>
    private void RebootAndExpect(int ratedCurrentA, int authTimeoutS)
    {
        Assert.Contains("value         " + ratedCurrentA + "\n", Run("config get pile.ratedCurrentA"));
        Assert.Contains("value         " + authTimeoutS + "\n", Run("config get auth.timeoutS"));
        Run("reboot", 500);
        Assert.Equal(2, _pile.Sim.Boots);
        Assert.Equal(ratedCurrentA, _pile.Sim.Runtime.Config.Get(ConfigKeys.RatedCurrentA));
        Assert.Equal(authTimeoutS, _pile.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
    }

    [Fact]
    public void APlatformConfigSetWhileTheConsolesIsOnItsWayIsRefusedAsBusy()
    {
        Commission();
        _pile.Sim.StallStorageUntil(_pile.NowMs + 2000); // a slow flash: the console's change is still on its way
        Assert.DoesNotContain("stored", Run("config set pile.ratedCurrentA 16", 100));
        _pile.At(_pile.NowMs + 10, PlatformConfigSet);
        _pile.RunTo(_pile.NowMs + 100);
        Assert.DoesNotContain(_pile.Recorder.Lines, l => l.Contains("cmd/result")); // its answer waits for its entry on flash
        _pile.RunTo(_pile.NowMs + 2000);
        Assert.Contains("storage is busy with an earlier write; nothing changed", LastCommandResult());
        Assert.Contains("stored pile.ratedCurrentA=16", Type("", 3000));
        RebootAndExpect(16, 120);
    }

    [Fact]
    public void AConsoleConfigSetWhileThePlatformsIsOnItsWayIsRefusedAsBusy()
    {
        Commission();
        _pile.Sim.StallStorageUntil(_pile.NowMs + 2000);
        _pile.At(_pile.NowMs + 10, PlatformConfigSet);
        _pile.RunTo(_pile.NowMs + 100);
        Assert.Contains("error: storage is busy: nothing was changed, try again\n", Run("config set pile.ratedCurrentA 16"));
        _pile.RunTo(_pile.NowMs + 3000);
        Assert.Contains("stored; applies at the next boot", LastCommandResult());
        RebootAndExpect(32, 300);
    }

    [Fact]
    public void NetShowsTheLinkUpThenTheCutTheKeepaliveFoundThenTheReconnect()
    {
        _pile.RunTo(1000);
        var up = Run("net");
        Assert.Contains("state         connected\n", up);
        Assert.Contains("reconnects    0\n", up);
        Assert.Contains("lastError     none\n", up);

        _pile.At(_pile.NowMs + 10, "link down");
        Assert.Contains("state         connected\n", Run("net")); // nothing told the pile yet
        _pile.RunTo(_pile.NowMs + ConfigKeys.KeepAliveS.Default * 1000L + 140_000); // a keepalive and more: the pile noticed, its retries fail
        var down = Run("net");
        Assert.Contains("state         offline\n", down);
        Assert.Contains("lastError     timeout\n", down); // the keepalive found it dead; connects time out since

        _pile.At(_pile.NowMs + 10, "link up");
        _pile.RunTo(_pile.NowMs + 600_000); // the backoff's longest wait
        var again = Run("net");
        Assert.Contains("state         connected\n", again);
        Assert.Contains("reconnects    1\n", again);
    }

    [Fact]
    public void OutboxShowsTheEventsWaitingWhileTheLinkIsDownAndTheOldestOne()
    {
        _pile.RunTo(1000);
        Assert.Contains("backlog       0\n", Run("outbox"));
        Assert.Contains("oldest        none\n", Run("outbox"));
        _pile.At(_pile.NowMs + 10, "link down");
        _pile.RunTo(_pile.NowMs + 200_000);
        _pile.At(_pile.NowMs + 10, "plug 32A").At(_pile.NowMs + 1000, "ev ready").At(_pile.NowMs + 60_000, "unplug");
        _pile.RunTo(_pile.NowMs + 1000);
        var waiting = Run("outbox");
        Assert.Contains("backlog       2\n", waiting); // the session's open and end
        Assert.Matches("oldest        1-[0-9]+\n", waiting);

        _pile.At(_pile.NowMs + 10, "link up");
        _pile.RunTo(_pile.NowMs + 600_000);
        var sent = Run("outbox");
        Assert.Contains("backlog       0\n", sent);
        Assert.Contains("oldest        none\n", sent);
    }

    private byte[] NewestConfig() =>
        ConfigStore.CopyNames.Select(n => _pile.Sim.Store.DurableContent(n)).OrderByDescending(b => b.Length).First();
}
