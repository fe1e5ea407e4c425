using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Storage;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>Every command, judged by what the simulated board shows where it can be.</summary>
public class CommandBehaviourTests
{
    /// <summary>What the pilot's duty can say of a current (a duty step is 0.1 %, 60 mA below 51 A).</summary>
    private static int OnPilot(int currentMa) => PilotDuty.ToCurrentMa(PilotDuty.FromCurrentMa(currentMa));

    private static CommandFixture Charging(params string[] settings)
    {
        var f = new CommandFixture(settings);
        f.RunTo(100);
        f.H.At(100, "plug 32A");
        if (f.H.Pile.AuthorizationMode == AuthorizationMode.Platform)
            ResultAssert.Accepted(f.Cmd("start", "\"idTag\":\"CARD-1\""));
        f.RunTo(1000);
        f.H.At(1000, "ev ready");
        f.RunTo(10_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        return f;
    }

    [Fact]
    public void StartInPlatformModeCharges()
    {
        var f = Charging("auth.mode=platform");
        Assert.Equal(OnPilot(32_000), f.AdvertisedMaOnPilot());
        Assert.Equal("CARD-1", f.H.Pile.Session.IdTag);
    }

    [Fact]
    public void StartInFreeModeIsANoOpSaidSo()
    {
        var f = new CommandFixture();
        var r = f.Cmd("start", "\"idTag\":\"CARD-1\"");
        ResultAssert.Accepted(r, CommandReasons.NoOp);
        Assert.Contains("free mode", r.Text);
        Assert.False(f.H.Pile.Authorized);
    }

    [Fact]
    public void StartIsRefusedWhileASessionRunsAndItsTagIsChecked()
    {
        var f = Charging("auth.mode=platform");
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":\"CARD-2\""), CommandReasons.Refused);
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":\"\""), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":\"123456789012345678901\""), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":\"caf\\u00e9\""), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":7"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("start"), CommandReasons.BadArgument);
    }

    [Fact]
    public void StopEndsTheSessionAsRemote()
    {
        var f = Charging();
        ResultAssert.Accepted(f.Cmd("stop"));
        f.RunTo(15_000);
        Assert.False(f.H.Board.Contactor.FeedbackClosed);
        Assert.Equal(StopReason.Remote, f.H.Pile.Session.Reason);
        ResultAssert.Rejected(f.Cmd("stop"), CommandReasons.Refused);
    }

    [Fact]
    public void LimitAppliesWithinOneTickAndThePreviousLimitReturnsAtItsEnd()
    {
        var f = Charging();
        f.H.At(10_000, "limit 20A");
        f.RunTo(10_010);
        Assert.Equal(OnPilot(20_000), f.AdvertisedMaOnPilot());
        ResultAssert.Accepted(f.Cmd("limit", "\"amps\":10,\"durationS\":60"));
        f.RunTo(10_020);
        Assert.Equal(OnPilot(10_000), f.AdvertisedMaOnPilot());
        f.RunTo(69_990);
        Assert.Equal(OnPilot(10_000), f.AdvertisedMaOnPilot());
        f.RunTo(70_030);
        Assert.Equal(OnPilot(20_000), f.AdvertisedMaOnPilot());
        Assert.False(f.Handler.LimitActive);
    }

    [Fact]
    public void ANewLimitDuringOneKeepsTheLimitFromBeforeBoth()
    {
        var f = Charging();
        ResultAssert.Accepted(f.Cmd("limit", "\"amps\":16,\"durationS\":60"));
        f.RunTo(20_000);
        ResultAssert.Accepted(f.Cmd("limit", "\"amps\":8,\"durationS\":10"));
        f.RunTo(20_020);
        Assert.Equal(OnPilot(8_000), f.AdvertisedMaOnPilot());
        f.RunTo(30_030);
        Assert.Equal(OnPilot(32_000), f.AdvertisedMaOnPilot());
    }

    [Fact]
    public void KilowattsBecomeAmpsPerPhase()
    {
        var f = Charging();
        ResultAssert.Accepted(f.Cmd("limit", "\"kw\":2.3,\"durationS\":60"));
        f.RunTo(10_020);
        Assert.Equal(OnPilot(10_000), f.AdvertisedMaOnPilot());
        var three = Charging("pile.phases=3");
        ResultAssert.Accepted(three.Cmd("limit", "\"kw\":11.04,\"durationS\":60"));
        three.RunTo(10_020);
        Assert.Equal(OnPilot(16_000), three.AdvertisedMaOnPilot());
    }

    [Fact]
    public void ALimitBelowSixAmpsPausesUntilItEnds()
    {
        var f = Charging();
        var r = f.Cmd("limit", "\"amps\":4,\"durationS\":30");
        ResultAssert.Accepted(r);
        Assert.Contains("pauses", r.Text);
        f.RunTo(10_020);
        Assert.Equal(0, f.AdvertisedMaOnPilot());
        f.RunTo(12_000);
        Assert.Equal(ConnectorStatus.SuspendedEVSE, f.H.Pile.Status);
        f.RunTo(40_100);
        Assert.Equal(OnPilot(32_000), f.AdvertisedMaOnPilot());
    }

    [Theory]
    [InlineData("\"amps\":10")]
    [InlineData("\"amps\":10,\"durationS\":0")]
    [InlineData("\"amps\":10,\"durationS\":86401")]
    [InlineData("\"amps\":81,\"durationS\":60")]
    [InlineData("\"amps\":-1,\"durationS\":60")]
    [InlineData("\"amps\":10.5,\"durationS\":60")]
    [InlineData("\"kw\":60.001,\"durationS\":60")]
    [InlineData("\"kw\":1.0001,\"durationS\":60")]
    [InlineData("\"amps\":10,\"kw\":2,\"durationS\":60")]
    [InlineData("\"durationS\":60")]
    [InlineData("\"amps\":\"10\",\"durationS\":60")]
    [InlineData("\"amps\":10,\"durationS\":60,\"phase\":1")]
    public void BadLimitsChangeNothing(string args)
    {
        var f = Charging();
        ResultAssert.Rejected(f.Cmd("limit", args), CommandReasons.BadArgument);
        f.RunTo(10_020);
        Assert.Equal(OnPilot(32_000), f.AdvertisedMaOnPilot());
        Assert.False(f.Handler.LimitActive);
    }

    [Fact]
    public void InoperativeWaitsForTheRunningSession()
    {
        var f = Charging();
        var r = f.Cmd("availability", "\"state\":\"inoperative\"");
        ResultAssert.Accepted(r);
        Assert.Contains("once the running session has ended", r.Text);
        f.RunTo(12_000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        f.H.At(12_000, "unplug");
        f.RunTo(13_000);
        Assert.Equal(ConnectorStatus.Unavailable, f.H.Pile.Status);
        ResultAssert.Accepted(f.Cmd("availability", "\"state\":\"operative\""));
        f.RunTo(13_100);
        Assert.Equal(ConnectorStatus.Available, f.H.Pile.Status);
        ResultAssert.Rejected(f.Cmd("availability", "\"state\":\"off\""), CommandReasons.BadArgument);
    }

    [Fact]
    public void RebootNowOrOnceTheSessionHasEnded()
    {
        var f = Charging();
        ResultAssert.Accepted(f.Cmd("reboot", "\"when\":\"idle\""));
        f.RunTo(20_000);
        Assert.Equal(0, f.Reboots);
        f.H.At(20_000, "unplug");
        f.RunTo(21_000);
        Assert.Equal(1, f.Reboots);
        ResultAssert.Accepted(f.Cmd("reboot", "\"when\":\"now\""));
        Assert.Equal(1, f.Reboots); // not before its answer is stored and posted
        f.RunTo(f.H.NowMs + 10);
        Assert.Equal(2, f.Reboots);
        ResultAssert.Rejected(f.Cmd("reboot", "\"when\":\"later\""), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("reboot"), CommandReasons.BadArgument);
        Assert.Equal(2, f.Reboots);
    }

    [Fact]
    public void TriggerAsksForStatusOrTelemetry()
    {
        var f = new CommandFixture();
        ResultAssert.Accepted(f.Cmd("trigger", "\"what\":\"status\""));
        ResultAssert.Accepted(f.Cmd("trigger", "\"what\":\"telemetry\""));
        ResultAssert.Rejected(f.Cmd("trigger", "\"what\":\"everything\""), CommandReasons.BadArgument);
        Assert.Equal((1, 1), (f.StatusTriggers, f.TelemetryTriggers));
    }

    [Fact]
    public void ClearFaultClearsTheNamedFaultOnceItsConditionHasGone()
    {
        var f = Charging("fault.rcd.retries=0");
        f.H.At(10_000, "rcd ac 40mA");
        f.RunTo(11_000);
        Assert.Equal(ConnectorStatus.Faulted, f.H.Pile.Status);
        ResultAssert.Rejected(f.Cmd("clear-fault", "\"code\":\"rcd-ac\""), CommandReasons.Refused); // the current still flows
        f.H.At(11_000, "rcd clear");
        f.RunTo(12_000);
        Assert.Equal(ConnectorStatus.Faulted, f.H.Pile.Status);
        ResultAssert.Rejected(f.Cmd("clear-fault", "\"code\":\"rcd-dc\""), CommandReasons.Refused);
        ResultAssert.Rejected(f.Cmd("clear-fault", "\"code\":\"no-such-fault\""), CommandReasons.BadArgument);
        f.RunTo(12_100);
        Assert.Equal(ConnectorStatus.Faulted, f.H.Pile.Status);
        ResultAssert.Accepted(f.Cmd("clear-fault", "\"code\":\"rcd-ac\""));
        f.RunTo(12_200);
        Assert.NotEqual(ConnectorStatus.Faulted, f.H.Pile.Status);
    }
}
