using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Link;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Supervision;

/// <summary>
/// A pile that reboots on purpose leaves the broker first, as PileSim's quit does: its retained status says offline
/// before the reset (the broker publishes no will for it: the pile is back before it would), and the reset waits for
/// that leave at most <see cref="PileRuntime.PlannedRebootLeaveMs"/>, with the contactor open all along.
/// </summary>
public class PlannedRebootLeaveTests
{
    private const string Status = "piles/cc-0001/status";

    /// <summary>What reaches the simulated broker, with the virtual time it arrived.</summary>
    private sealed class TimedTap : IBrokerTap
    {
        public List<(long AtMs, string Topic, string Payload, bool Retain)> Messages { get; } = new();
        public void Received(SimMessage m) => Messages.Add((m.AtMs, m.Topic, System.Text.Encoding.UTF8.GetString(m.Payload, 0, m.Count), m.Retain));
    }

    [Theory]
    [MemberData(nameof(PlannedRebootTests.Reboots), MemberType = typeof(PlannedRebootTests))]
    public void ThePilesRetainedStatusSaysOfflineBeforeThePlannedReset(string reboot)
    {
        var pile = new PileHarness().At(0, "console login").At(100, "console 000000").At(200, "console pin change")
            .At(300, "console 482913").At(400, "console 482913").At(1_000, "plug 32A").At(2_000, "ev ready").RunTo(10_000);
        var broker = new TimedTap();
        pile.Sim.Link.Broker.Tap = broker;
        pile.At(10_000, reboot).RunTo(15_000);

        var boot = pile.Of(EventKind.Boot).Last();
        Assert.Equal(BootReason.Planned, (BootReason)boot.Code);
        var offline = broker.Messages.Where(m => m.Topic == Status && m.Retain && m.Payload.Contains("\"online\":false")).ToList();
        Assert.True(offline.Count == 1, "the broker got no offline status (or several): " + string.Join("\n", broker.Messages));
        Assert.True(offline[0].AtMs < boot.TimeMs, $"offline at {offline[0].AtMs} ms, the reset at {boot.TimeMs} ms");
        Assert.DoesNotContain(broker.Messages, m => m.AtMs > offline[0].AtMs && m.AtMs < boot.TimeMs); // nothing after it
        Assert.Contains("\"online\":true", broker.Messages.Last(m => m.Topic == Status).Payload); // the next boot is back
    }

    [Fact]
    public void ABrokerThatNeverAcknowledgesHoldsTheResetOnlyTheLeavesOwnWait()
    {
        var pile = new PileHarness().At(1_000, "plug 32A").RunTo(2_000);
        pile.At(5_000, "link down").At(5_010, "reboot").RunTo(10_000); // the pile has not noticed yet: it publishes into the cut
        var boot = pile.Of(EventKind.Boot).Last();
        Assert.Equal(BootReason.Planned, (BootReason)boot.Code);
        Assert.InRange(boot.TimeMs, 5_010 + LinkSupervisor.LeaveWaitMs, 5_010 + PileRuntime.PlannedRebootLeaveMs);
        Assert.DoesNotContain(pile.Snapshots, s => s.TimeMs > 5_010 && s.TimeMs < boot.TimeMs && s.ContactorCommanded);
    }

    /// <summary>
    /// A network thread that never runs (stuck in a connect on the device): the supervisor resets after its allowance
    /// anyway. Threads scheduled by hand, the network thread's left out.
    /// </summary>
    [Fact]
    public void ANetworkThreadThatNeverLeavesHoldsTheResetAtMostTheAllowance()
    {
        var board = new SimBoard();
        var outputs = new PlannedRebootTests.RecordingBoard();
        var link = new SimBrokerLink(board.Clock, new SimBroker(16, 4, 2304), 2304);
        var runtime = new PileRuntime(new PileConfig(), board.Hardware, new SimFileStore(), null, outputs, new PlannedRebootTests.NoConsumer(), link);
        runtime.Boot();
        long resetAtMs = -1;
        for (var t = Firmware.Pile.TickMs; t <= 10_000 && resetAtMs < 0; t += Firmware.Pile.TickMs)
        {
            board.Clock.AdvanceTo(t);
            board.Step();
            if (t == 1_000)
                runtime.RequestPlannedReboot();
            runtime.Safety.RunOnce(t);
            runtime.Control.RunOnce(t);
            runtime.Storage.RunOnce(t);
            runtime.Supervision.RunOnce(t);
            if (outputs.Log.Contains("reset"))
                resetAtMs = t;
        }
        Assert.InRange(resetAtMs, 1_000 + PileRuntime.PlannedRebootLeaveMs, 1_000 + PileRuntime.PlannedRebootLeaveMs + 2 * Firmware.Pile.TickMs);
        Assert.False(runtime.LinkLeft);
    }
}
