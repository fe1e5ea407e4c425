using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Link;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Supervision;

/// <summary>
/// A planned reboot during a session never opens the contactor under current: the pile stops as on a stop command (PWM
/// off, open once the vehicle has opened S2, 3 s at the latest) and only then resets, once it has left the broker (one
/// round trip of the simulated link: <see cref="LeftTheBrokerMs"/>). Judged from the simulated board: what flowed on the
/// tick before the contacts opened, and when the next boot came.
/// </summary>
public class PlannedRebootTests
{
    private const string RebootNow = "cmd {\"v\":1,\"id\":\"r1\",\"cmd\":\"reboot\",\"ttlS\":60,\"when\":\"now\"}";

    /// <summary>Logged in as a technician on the pile's own console, then charging from about 2 s.</summary>
    private static PileHarness ChargingWithTechnician()
    {
        var pile = new PileHarness().At(0, "console login").At(100, "console 000000").At(200, "console pin change")
            .At(300, "console 482913").At(400, "console 482913");
        pile.At(1_000, "plug 32A").At(2_000, "ev ready").RunTo(10_000);
        Assert.True(pile.Board.Vehicle.DrawMa > 30_000, "charging at full current");
        return pile;
    }

    /// <summary>From the contactor's opening to the reset: the offline status to the simulated broker and its acknowledgement back, and a tick.</summary>
    public const int LeftTheBrokerMs = 2 * SimBrokerLink.DefaultLatencyMs + 2 * Firmware.Pile.TickMs;

    public static TheoryData<string> Reboots => new() { RebootNow, "console reboot", "reboot" };

    [Theory]
    [MemberData(nameof(Reboots))]
    public void ARebootDuringASessionStopsFirstAndResetsWithTheContactorOpenAndNoCurrent(string reboot)
    {
        var pile = ChargingWithTechnician().At(10_000, reboot).RunTo(15_000);
        var pwmOff = pile.FirstTime(s => s.PilotMode != PilotMode.Pwm, 10_000);
        var opened = pile.FirstTime(s => !s.ContactorCommanded, 10_000);
        Assert.InRange(pwmOff - 10_000, 0, 100); // the console answers first, then asks
        Assert.True(opened > pwmOff, "the PWM stops before the contactor opens");
        var before = pile.Snapshots.Single(s => s.TimeMs == opened - Firmware.Pile.TickMs);
        Assert.Equal(0, before.DrawMa); // no current through the contacts as they open
        Assert.False(before.S2Closed, "the vehicle had opened S2");

        var boot = pile.Of(EventKind.Boot).Last();
        Assert.Equal(BootReason.Planned, (BootReason)boot.Code);
        Assert.InRange(boot.TimeMs, opened, opened + LeftTheBrokerMs);
        Assert.Equal(StopReason.Reboot, pile.OnlyStopReason());
    }

    [Fact]
    public void AVehicleThatKeepsDrawingHoldsTheRebootBackAtMostTheStopTimeout()
    {
        var pile = ChargingWithTechnician().At(9_000, "ev disobey").At(10_000, RebootNow).RunTo(20_000);
        var pwmOff = pile.FirstTime(s => s.PilotMode != PilotMode.Pwm, 10_000);
        var opened = pile.FirstTime(s => !s.ContactorCommanded, 10_000);
        Assert.InRange(opened - pwmOff, 3000, 3000 + Firmware.Pile.TickMs); // stop.evTimeoutMs, as for any stop
        var boot = pile.Of(EventKind.Boot).Last();
        Assert.Equal(BootReason.Planned, (BootReason)boot.Code);
        Assert.InRange(boot.TimeMs, opened, opened + LeftTheBrokerMs);
    }

    /// <summary>An idle pile reboots as soon as it has left the broker; a command's reboot first stores and sends its answer (a few ticks).</summary>
    [Theory]
    [InlineData("reboot", LeftTheBrokerMs)]
    [InlineData(RebootNow, LeftTheBrokerMs + 4 * Firmware.Pile.TickMs)]
    public void AnIdlePileRebootsAtOnce(string reboot, int withinMs)
    {
        var pile = new PileHarness().At(1_000, "plug 32A").RunTo(2_000);
        Assert.Equal(PilotMode.Pwm, pile.Board.Pilot.Mode);
        pile.At(2_000, reboot).RunTo(2_000 + withinMs);
        Assert.Equal(2, pile.Sim.Boots);
        Assert.InRange(pile.Of(EventKind.Boot).Last().TimeMs, 2_000, 2_000 + withinMs);
    }

    /// <summary>Whatever the control loop left on the outputs, the supervisor drives them safe before it resets.</summary>
    [Fact]
    public void TheSupervisorDrivesTheOutputsSafeBeforeTheReset()
    {
        var board = new RecordingBoard();
        var supervisor = new Firmware.Supervision.Supervisor(board, board, board, null, new EventRing(4), 500, 600_000);
        supervisor.PlannedReboot();
        Assert.Equal(new[] { "contactor open", "pilot StateF", "reset" }, board.Log);
    }

    /// <summary>
    /// On the device the supervisor thread may run a few ticks after the control thread released the reboot: meanwhile a
    /// vehicle that asks to charge is not closed on. Threads scheduled by hand, the supervisor's left out.
    /// </summary>
    [Fact]
    public void OnceARebootIsReleasedTheContactorClosesNoMore()
    {
        var board = new SimBoard();
        var runtime = new PileRuntime(new PileConfig(), board.Hardware, new SimFileStore(), null, new RecordingBoard(), new NoConsumer());
        runtime.Boot();
        void RunTo(long untilMs)
        {
            for (var t = board.Clock.NowMs + Firmware.Pile.TickMs; t <= untilMs; t += Firmware.Pile.TickMs)
            {
                board.Clock.AdvanceTo(t);
                board.Step();
                runtime.Control.RunOnce(t);
                runtime.Storage.RunOnce(t);
            }
        }
        board.Vehicle.Plug(32);
        RunTo(2_000);
        Assert.Equal(PilotMode.Pwm, board.Pilot.Mode); // offered, the vehicle not yet ready
        runtime.RequestPlannedReboot();
        RunTo(2_010);
        board.Vehicle.Ready = true;
        RunTo(6_000);
        Assert.True(board.Vehicle.S2Closed, "the vehicle asks to charge");
        Assert.False(board.Contactor.Commanded);
    }

    internal sealed class NoConsumer : IEventConsumer
    {
        public void Write(PileEvent e) { }
    }

    internal sealed class RecordingBoard : IControlPilot, IContactor, ISupervisionOutputs
    {
        public List<string> Log { get; } = new();
        public void Drive(PilotMode mode, int dutyPermille) => Log.Add("pilot " + mode);
        public int HighLevelMv => 9000;
        public int LowLevelMv => -12000;
        public void Command(bool closed) => Log.Add(closed ? "contactor closed" : "contactor open");
        public bool FeedbackClosed => false;
        public void KickWatchdog() { }
        public void Reboot() => Log.Add("reset");
    }
}
