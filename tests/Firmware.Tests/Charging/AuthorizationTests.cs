using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Charging;

public class AuthorizationTests
{
    [Fact]
    public void FreeModeChargesOnPlugInWithAnEmptyIdTag()
    {
        var pile = new PileHarness().Charging();
        Assert.Equal("", pile.SessionStarts().Single().Text2);
    }

    [Fact]
    public void PlatformModeWaitsForAStartCommand()
    {
        var pile = new PileHarness("auth.mode=platform").At(0, "plug 32A").At(1000, "ev ready").RunTo(10_000);
        Assert.Equal(ConnectorStatus.Preparing, pile.Pile.Status);
        Assert.Equal(PilotMode.Off, pile.Pile.PilotMode);
        pile.At(10_000, "authorize CARD-0042").RunTo(13_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal("CARD-0042", pile.SessionStarts().Single().Text2);
    }

    [Fact]
    public void AStartCommandBeforeThePlugWaitsForTheTimeout()
    {
        var inTime = new PileHarness("auth.mode=platform", "auth.timeoutS=60").At(0, "authorize A").At(50_000, "plug 32A").At(51_000, "ev ready").RunTo(55_000);
        Assert.True(inTime.Pile.ContactorClosed);
        var late = new PileHarness("auth.mode=platform", "auth.timeoutS=60").At(0, "authorize A").At(61_000, "plug 32A").At(62_000, "ev ready").RunTo(66_000);
        Assert.False(late.Pile.ContactorClosed);
        Assert.Equal(ConnectorStatus.Preparing, late.Pile.Status);
    }

    [Fact]
    public void OfflineStartIsRefusedByDefault()
    {
        var pile = new PileHarness("auth.mode=platform").At(0, "link down").At(100, "plug 32A").At(200, "authorize A").RunTo(5000);
        var answer = pile.Commands("authorize").Single();
        Assert.False(answer.Flag);
        Assert.Contains("offline", answer.Text2);
        Assert.False(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void OfflineStartCanBeAllowedAndTheSessionIsMarked()
    {
        var pile = new PileHarness("auth.mode=platform", "auth.offline=allow").At(0, "link down").At(100, "plug 32A")
            .At(200, "authorize A").At(300, "ev ready").RunTo(5000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.True(pile.SessionStarts().Single().IsOffline());
        Assert.Equal(6_000, pile.Pile.AdvertisedMa); // the fallback limit while the link is lost
    }

    [Fact]
    public void StopFinishesAndAFreePileNeedsANewPlugIn()
    {
        var pile = new PileHarness().Charging().At(10_000, "stop").RunTo(15_000);
        Assert.Equal(StopReason.Local, pile.OnlyStopReason());
        Assert.Equal(ConnectorStatus.Finishing, pile.Pile.Status);
        pile.At(16_000, "unplug").At(17_000, "plug 16A").At(18_000, "ev ready").RunTo(22_000);
        Assert.Equal(2, pile.SessionStarts().Count());
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
    }

    [Fact]
    public void RemoteStopThenANewStartCommandStartsANewSession()
    {
        var pile = new PileHarness("auth.mode=platform").At(0, "plug 32A").At(100, "authorize A").At(200, "ev ready")
            .At(10_000, "remote stop").RunTo(15_000);
        Assert.Equal(StopReason.Remote, pile.OnlyStopReason());
        pile.At(20_000, "authorize B").RunTo(25_000);
        Assert.Equal(new[] { "A", "B" }, pile.SessionStarts().Select(e => e.Text2));
    }

    [Fact]
    public void UnavailableWaitsForTheRunningSessionToEnd()
    {
        var pile = new PileHarness().Charging().At(10_000, "unavailable").RunTo(20_000);
        Assert.True(pile.Pile.ContactorClosed);
        pile.At(20_000, "stop").RunTo(25_000);
        Assert.Equal(ConnectorStatus.Unavailable, pile.Pile.Status);
        Assert.Equal(PilotMode.StateF, pile.Pile.PilotMode);
        pile.At(30_000, "available").RunTo(31_000);
        Assert.Equal(ConnectorStatus.Finishing, pile.Pile.Status);
    }

    [Fact]
    public void ALimitBelowSixAmpsPausesAndResumes()
    {
        var pile = new PileHarness().Charging().At(10_000, "limit 5A").RunTo(15_000);
        Assert.Equal(ConnectorStatus.SuspendedEVSE, pile.Pile.Status);
        Assert.False(pile.Pile.ContactorClosed);
        pile.At(20_000, "limit 10A").RunTo(25_000);
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(10_000, pile.Pile.AdvertisedMa);
        Assert.Single(pile.SessionStarts());
    }

    [Fact]
    public void TheCableLimitsTheAdvertisedCurrent()
    {
        var pile = new PileHarness().At(0, "plug 16A").RunTo(1000);
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        Assert.Equal(266, pile.Pile.DutyPermille);
    }

    [Fact]
    public void SessionsRecordWallClockTimeOnceKnown()
    {
        var pile = new PileHarness();
        pile.Pile.SetWallClock(1_790_000_000);
        pile.Charging().At(20_000, "unplug").RunTo(21_000);
        var session = pile.Pile.Session!;
        Assert.Equal(1_790_000_000 + session.StartMs / 1000, session.StartUnixS);
        Assert.Equal(StopReason.EVDisconnected, session.Reason);
        Assert.True(session.StopUnixS > session.StartUnixS);
    }

    [Fact]
    public void EveryCommandAnswersInTheEventStream()
    {
        var pile = new PileHarness().At(0, "stop").At(10, "limit 16A");
        Assert.Equal(new[] { ("stop", false), ("limit", true) },
            pile.Of(EventKind.Command).Select(e => (e.Text!, e.Flag)));
    }
}
