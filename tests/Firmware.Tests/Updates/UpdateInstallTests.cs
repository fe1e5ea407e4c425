using ChargeController.Firmware.Config;
using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Tests.Link;
using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.Tests.Updates;

/// <summary>
/// After the download: the switch, the trial, the confirmation, and the loader's rollback of a version that does not
/// hold, judged from what the platform receives (events, the status's firmware) and the slot record on the flash.
/// </summary>
public class UpdateInstallTests
{
    public static PileConfig ShortTrial()
    {
        var config = new PileConfig();
        Assert.Null(config.Set("update.trialMs", "20000"));
        return config;
    }

    private static string StatusFirmware(UpdateRig rig) =>
        rig.Broker.On("/status").Last(s => s.GetProperty("online").GetBoolean()).GetProperty("firmware").GetString()!;

    [Fact]
    public void TheConsoleShowsTheRunningVersionItsSlotAndTheLastUpdate()
    {
        using var rig = new UpdateRig(config: ShortTrial());
        Assert.Null(rig.Sim.Apply(ScenarioParser.ParseCommand("console update", rig.Sim.NowMs, out _)!));
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 500);
        var before = string.Join("\n", rig.Trace.ConsoleLines);
        Assert.Matches(@"running\s+1\.0\.0", before);
        Assert.Matches(@"slot\s+factory", before);
        Assert.Matches(@"state\s+idle", before);

        rig.Offer(1000);
        rig.RunUntilSettled(60_000);
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);
        rig.Trace.ConsoleLines.Clear();
        Assert.Null(rig.Sim.Apply(ScenarioParser.ParseCommand("console update", rig.Sim.NowMs, out _)!));
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 500);
        var after = string.Join("\n", rig.Trace.ConsoleLines);
        Assert.Matches(@"running\s+1\.4\.0", after);
        Assert.Matches(@"slot\s+slot 0", after);
        Assert.Matches(@"trial\s+false", after);
        Assert.Matches(@"previous\s+1\.0\.0", after);
        Assert.Matches(@"state\s+confirmed", after);
        Assert.Matches(@"package\s+cc-1\.4\.0", after);
    }

    [Fact]
    public void TheNewVersionRunsOnTrialAndIsConfirmedOnceHealthyWithTheLink()
    {
        using var rig = new UpdateRig(config: ShortTrial());
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);

        Assert.Equal(new[] { "verified", "switching", "trial", "confirmed" }, rig.EventStates().SkipWhile(s => s != "verified").Distinct());
        Assert.Equal("1.4.0", StatusFirmware(rig));
        Assert.Equal(0, rig.Sim.Loader.Slot);
        var confirmed = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("1.4.0", confirmed.GetProperty("version").GetString());
        Assert.Equal("1.0.0", confirmed.GetProperty("fromVersion").GetString());
        var slots = rig.Sim.Runtime.Updates.Slots;
        Assert.False(slots.Trial);
        Assert.Equal(UpdateVersion.Parse("1.4.0"), slots.HighestVersion);
    }

    [Fact]
    public void NoSwitchWhileASessionRuns()
    {
        using var rig = new UpdateRig(config: ShortTrial());
        LinkRun.Do(rig.Sim, 500, "plug 16A");
        LinkRun.Do(rig.Sim, 800, "ev ready");
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 30_000);
        Assert.Equal(UpdateStates.Verified, rig.Sim.Runtime.Updates.State);
        Assert.DoesNotContain("switching", rig.EventStates());

        LinkRun.Do(rig.Sim, rig.Sim.NowMs + 1000, "stop");
        LinkRun.Do(rig.Sim, rig.Sim.NowMs + 5000, "unplug");
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);
        Assert.Contains("confirmed", rig.EventStates());
    }

    [Fact]
    public void AVersionThatCrashLoopsIsRolledBackByTheLoader()
    {
        using var rig = new UpdateRig(config: ShortTrial(), crashLoop: true);
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);

        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("rolled-back", last.GetProperty("state").GetString());
        Assert.Equal("crash-loop", last.GetProperty("reason").GetString());
        Assert.Equal("1.4.0", last.GetProperty("version").GetString());
        Assert.Equal("1.0.0", StatusFirmware(rig));
        Assert.DoesNotContain("confirmed", rig.EventStates());
        Assert.Null(rig.Sim.Runtime.Updates.Slots.LastRollbackReason); // reported once
    }

    [Fact]
    public void ATrialThatNeverSeesTheLinkIsGivenUpAndRolledBack()
    {
        using var rig = new UpdateRig(config: ShortTrial(), keepAliveS: 30);
        rig.Offer(1000);
        while (rig.Sim.Runtime.Updates.State != UpdateStates.Switching && rig.Sim.NowMs < 60_000)
            rig.Sim.AdvanceTo(rig.Sim.NowMs + 10);
        LinkRun.Do(rig.Sim, rig.Sim.NowMs + 10, "link down"); // before the reboot into the trial
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);
        LinkRun.Do(rig.Sim, rig.Sim.NowMs + 10, "link up");
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 30_000);

        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("rolled-back", last.GetProperty("state").GetString());
        Assert.Equal("trial-timeout", last.GetProperty("reason").GetString());
        Assert.Equal("1.0.0", StatusFirmware(rig));
    }

    /// <summary>Runs until the pile has booted into the trial, and the trial's first tick.</summary>
    private static long UntilTrial(UpdateRig rig)
    {
        rig.Offer(1000);
        while (rig.Sim.Runtime.Updates.State != UpdateStates.Trial && rig.Sim.NowMs < 60_000)
            rig.Sim.AdvanceTo(rig.Sim.NowMs + 10);
        Assert.Equal(UpdateStates.Trial, rig.Sim.Runtime.Updates.State);
        return rig.Sim.NowMs;
    }

    [Fact]
    public void ATrialWhoseSupervisorStalledIsNotConfirmed()
    {
        using var rig = new UpdateRig(config: ShortTrial());
        var trialMs = UntilTrial(rig);
        // the supervisor stands still for longer than the trial; the control loop and the link run on
        rig.Sim.StallSupervisorUntil(trialMs + 30_000);
        rig.Sim.AdvanceTo(trialMs + 30_000);
        Assert.DoesNotContain("confirmed", rig.EventStates());
        rig.Sim.AdvanceTo(rig.Sim.NowMs + 60_000);

        Assert.DoesNotContain("confirmed", rig.EventStates());
        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("rolled-back", last.GetProperty("state").GetString());
        Assert.Equal("trial-timeout", last.GetProperty("reason").GetString());
        Assert.Equal("1.0.0", StatusFirmware(rig));
    }

    [Fact]
    public void ASupervisorThatStalledBrieflyPutsTheConfirmationOffByAWholeTrial()
    {
        using var rig = new UpdateRig(config: ShortTrial());
        var trialMs = UntilTrial(rig);
        rig.Sim.AdvanceTo(trialMs + 5_000);
        rig.Sim.StallSupervisorUntil(trialMs + 8_000);
        rig.Sim.AdvanceTo(trialMs + 8_000 + 19_000);
        Assert.DoesNotContain("confirmed", rig.EventStates()); // 20 s since the supervisor's return: not yet
        rig.Sim.AdvanceTo(trialMs + 8_000 + 25_000);
        Assert.Contains("confirmed", rig.EventStates());
    }

    [Fact]
    public void AnOlderVersionIsRefusedBeforeItsFiles()
    {
        using var rig = new UpdateRig(version: "0.9.0");
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);

        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("older-version", last.GetProperty("reason").GetString());
        Assert.DoesNotContain(rig.Requests, r => r.File == "App.pe");
    }
}
