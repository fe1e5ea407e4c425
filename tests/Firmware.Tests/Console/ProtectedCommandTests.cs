using ChargeController.Runtime.Console;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>The protected commands: refused without a login, logged as events, and what they do to the simulated pile.</summary>
public class ProtectedCommandTests
{
    private static ConsoleRig Commissioned(params string[] settings)
    {
        var rig = new ConsoleRig(settings);
        rig.Commission();
        return rig;
    }

    public static TheoryData<string> ProtectedLines => new()
    {
        "config set pile.ratedCurrentA 16", "limit 10", "start", "start TECH01", "stop", "enable", "disable",
        "clear-fault welded", "selftest rcd", "reboot", "safe-mode clear", "pin change",
    };

    [Theory]
    [MemberData(nameof(ProtectedLines))]
    public void WithoutALoginEveryProtectedCommandIsRefusedAndLogged(string line)
    {
        var rig = new ConsoleRig();
        Assert.Contains("error: not logged in: type login\r\npile> ", rig.Run(line));
        var e = Assert.Single(rig.ConsoleEvents);
        Assert.Equal(line, e.Text);
        Assert.False(e.Flag);
        Assert.Equal("not logged in: type login", e.Text2);
        Assert.Equal(1, rig.Harness.Sim.Boots);
    }

    [Theory]
    [MemberData(nameof(ProtectedLines))]
    public void TheFactoryPinAllowsOnlyPinChange(string line)
    {
        var rig = new ConsoleRig();
        rig.LoginAs(ConsoleRig.FactoryPin);
        var printed = rig.Run(line);
        if (line == "pin change")
            Assert.EndsWith("new PIN: ", printed);
        else
            Assert.Contains("error: the factory PIN only allows 'pin change': set a technician PIN first\r\npile# ", printed);
    }

    [Fact]
    public void ConfigSetStoresAValidValueForTheNextBoot()
    {
        var rig = Commissioned();
        Assert.Contains("stored pile.ratedCurrentA=16; it applies at the next reboot\r\npile# ", rig.Run("config set pile.ratedCurrentA 16"));
        var e = rig.ConsoleEvents.Last();
        Assert.Equal("config set pile.ratedCurrentA 16", e.Text);
        Assert.True(e.Flag);
        rig.Harness.At(rig.NowMs + 10, "power cut").At(rig.NowMs + 1000, "power restore").RunTo(rig.NowMs + 100);
        rig.Settle();
        Assert.Contains("value         16\r\n", rig.Run("config get pile.ratedCurrentA"));
        rig.Harness.At(rig.NowMs + 10, "plug 32A").RunTo(rig.NowMs + 2000);
        Assert.Equal(16_000, rig.Harness.Pile.AdvertisedMa);
    }

    [Fact]
    public void ConfigSetFindingTheFlashWriteQueueFullSaysStorageIsBusyAndChangesNothing()
    {
        var rig = Commissioned();
        var writes = rig.Harness.Sim.Runtime.FlashWrites;
        for (var i = 0; i < writes.Capacity; i++)
            Assert.NotEqual(0, writes.TryPost(new SlowWrite())); // writes the storage thread has not reached yet
        Assert.Contains("error: storage is busy: nothing was changed, try again\r\npile# ", rig.Run("config set pile.ratedCurrentA 16"));
        Assert.Contains("value         32\r\n", rig.Run("config get pile.ratedCurrentA"));
        Assert.Contains("stored pile.ratedCurrentA=16", rig.Run("config set pile.ratedCurrentA 16")); // the queue has drained
    }

    private sealed class SlowWrite : Firmware.Handoff.IFlashWrite
    {
        public bool Write() => true;
    }

    [Theory]
    [InlineData("config set pile.ratedCurrentA 70", "pile.ratedCurrentA: 70 is out of range 6..63 A")]
    [InlineData("config set pile.ratedCurrentA lots", "pile.ratedCurrentA: 'lots' is not a whole number (6..63 A)")]
    [InlineData("config set auth.mode maybe", "auth.mode: 'maybe' is not one of free, platform")]
    [InlineData("config set pile.colour red", "unknown config key 'pile.colour'")]
    [InlineData("config set supply.underVoltageV 300", "supply.underVoltageV must be below supply.overVoltageV")]
    public void ConfigSetRefusesAnInvalidValueWithWhatIsAllowed(string line, string error)
    {
        var rig = Commissioned();
        Assert.Contains("error: " + error + "\r\npile# ", rig.Run(line));
        Assert.False(rig.Harness.Sim.Store.Exists("config.txt"));
        var e = rig.ConsoleEvents.Last();
        Assert.Equal(line, e.Text);
        Assert.Equal(error, e.Text2);
    }

    private static ConsoleRig Charging(params string[] settings)
    {
        var rig = Commissioned(settings);
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 10_000);
        Assert.True(rig.Harness.Board.Contactor.FeedbackClosed);
        return rig;
    }

    [Fact]
    public void LimitLowersTheAdvertisedCurrentAndOffLiftsIt()
    {
        var rig = Charging();
        Assert.Contains("limit 10 A\r\n", rig.Run("limit 10"));
        rig.Harness.RunTo(rig.NowMs + 100);
        Assert.Equal(PilotDuty.FromCurrentMa(10_000), rig.Harness.Board.Pilot.DutyPermille);
        Assert.Contains("limit lifted\r\n", rig.Run("limit off"));
        rig.Harness.RunTo(rig.NowMs + 100);
        Assert.Equal(PilotDuty.FromCurrentMa(32_000), rig.Harness.Board.Pilot.DutyPermille);
    }

    /// <summary>The platform's limit command and the simulator's verb take the same: 0 to 80 A, whatever the rating.</summary>
    [Theory]
    [InlineData("limit 81")]
    [InlineData("limit -1")]
    [InlineData("limit ten")]
    public void LimitRefusesWhatNoLimitCommandTakes(string line)
    {
        var rig = Commissioned();
        Assert.Contains("error: bad argument: limit is a whole number from 0 to 80 A (below 6 A pauses the charge), or off\r\n", rig.Run(line));
    }

    [Fact]
    public void ALimitAboveTheRatingIsAcceptedAndTheRatingDecides()
    {
        var rig = Charging();
        Assert.Contains("limit 80 A: above this pile's rating, which decides: at most 32 A\r\n", rig.Run("limit 80"));
        rig.Harness.RunTo(rig.NowMs + 100);
        Assert.Equal(PilotDuty.FromCurrentMa(32_000), rig.Harness.Board.Pilot.DutyPermille);
        Assert.Contains("advertisedMa  32000\r\n", rig.Run("status")); // status shows the current in force
    }

    [Fact]
    public void LimitSaysTheRatingInForceNotOneStoredForTheNextBoot()
    {
        var rig = Commissioned();
        Assert.Contains("it applies at the next reboot", rig.Run("config set pile.ratedCurrentA 16"));
        Assert.Contains("limit 20 A\r\n", rig.Run("limit 20")); // the pile still runs at 32 A
        Assert.Contains("limit 33 A: above this pile's rating, which decides: at most 32 A\r\n", rig.Run("limit 33"));
    }

    [Fact]
    public void StartAuthorisesInPlatformModeWithTheConsoleTagByDefault()
    {
        var rig = Commissioned("auth.mode=platform");
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 5000);
        Assert.False(rig.Harness.Board.Contactor.FeedbackClosed);
        Assert.Contains("authorised", rig.Run("start"));
        rig.Harness.RunTo(rig.NowMs + 5000);
        Assert.True(rig.Harness.Board.Contactor.FeedbackClosed);
        Assert.Equal(ConsoleShell.ConsoleIdTag, rig.Harness.Pile.Session.IdTag);
    }

    [Fact]
    public void StartNamesTheIdTagAndRefusesWhatThePileRefuses()
    {
        var rig = Commissioned("auth.mode=platform");
        rig.Run("start TECH01");
        rig.Harness.At(rig.NowMs + 10, "plug 32A").At(rig.NowMs + 1000, "ev ready").RunTo(rig.NowMs + 5000);
        Assert.Equal("TECH01", rig.Harness.Pile.Session.IdTag);
        Assert.Contains("error: a session is running\r\n", rig.Run("start OTHER"));
        Assert.Contains("error: id tag must be 1 to 20 characters\r\n", rig.Run("start " + new string('T', 21)));
    }

    [Fact]
    public void StopEndsTheCharge()
    {
        var rig = Charging();
        Assert.Contains("stopping\r\n", rig.Run("stop"));
        rig.Harness.RunTo(rig.NowMs + 4000);
        Assert.False(rig.Harness.Board.Contactor.FeedbackClosed);
        Assert.Equal(Firmware.Charging.StopReason.Local, rig.Harness.Pile.Session.Reason);
        Assert.Contains("error: nothing to stop\r\n", rig.Run("stop"));
    }

    [Fact]
    public void DisableAndEnable()
    {
        var rig = Commissioned();
        Assert.Contains("connector unavailable", rig.Run("disable"));
        rig.Harness.RunTo(rig.NowMs + 100);
        Assert.Equal(PilotMode.StateF, rig.Harness.Board.Pilot.Mode);
        Assert.Contains("status        Unavailable\r\n", rig.Run("status"));
        Assert.Contains("connector available\r\n", rig.Run("enable"));
        rig.Harness.RunTo(rig.NowMs + 100);
        Assert.Contains("status        Available\r\n", rig.Run("status"));
    }

    [Fact]
    public void ClearFaultClearsALatchedFaultWhoseConditionHasGone()
    {
        var rig = Commissioned("fault.rcd.retries=0");
        rig.Harness.At(rig.NowMs + 10, "rcd ac 40mA").At(rig.NowMs + 500, "rcd clear").RunTo(rig.NowMs + 5000);
        Assert.True(rig.Harness.Pile.Faults.IsLatched(Fault.ResidualCurrentAc));
        Assert.Contains("code=rcd-ac ocpp=GroundFailure latched=true", rig.Run("faults"));
        Assert.Contains("fault rcd-ac cleared\r\n", rig.Run("clear-fault rcd-ac"));
        Assert.False(rig.Harness.Pile.Faults.IsRaised(Fault.ResidualCurrentAc));
        Assert.Contains("error: fault rcd-ac is not raised\r\n", rig.Run("clear-fault rcd-ac"));
    }

    [Fact]
    public void ClearFaultNamesTheCodesWhenOneIsUnknown()
    {
        var printed = Commissioned().Run("clear-fault smoke");
        var codes = string.Join(", ", Enum.GetValues<Fault>().Select(FaultPolicies.DetailOf));
        Assert.Contains("error: bad argument: no fault 'smoke'; the codes are " + codes + "\r\n", printed);
    }

    public static TheoryData<Fault> EveryFault() => new(Enum.GetValues<Fault>());

    [Theory]
    [MemberData(nameof(EveryFault))]
    public void EveryFaultIsShownByItsCodeAndCanBeNamedToClear(Fault fault)
    {
        var rig = Commissioned();
        rig.Harness.Pile.Faults.Restore(fault, true, 0, rig.NowMs); // as a boot restores a latched fault
        var code = FaultPolicies.DetailOf(fault);
        Assert.Contains("faults:\r\n  code=" + code + " ", rig.Run("faults"));
        Assert.Matches("log:\r\n  at=[^\r]* code=" + code + " change=raised\r\n", rig.Run("faults"));
        Assert.Contains("  code=" + code + " ", rig.Run("status"));
        Assert.DoesNotContain("no fault", rig.Run("clear-fault " + code));
    }

    [Fact]
    public void SafeModeClearAnswersWithThePilesWord()
    {
        var rig = Commissioned();
        Assert.Contains("error: not in safe mode\r\n", rig.Run("safe-mode clear"));
        var e = rig.ConsoleEvents.Last();
        Assert.Equal("safe-mode clear", e.Text);
        Assert.Equal("not in safe mode", e.Text2);
    }

    [Fact]
    public void RebootAnswersFirstThenRebootsPlanned()
    {
        var rig = Commissioned();
        Assert.Equal("reboot\r\nrebooting\r\n", rig.Run("reboot")); // no `pile# ` of the old boot
        rig.Harness.RunTo(rig.NowMs + Supervision.PlannedRebootTests.LeftTheBrokerMs); // the pile leaves the broker, then resets
        Assert.Equal("pile> ", rig.Settle()); // the new boot's shell prompts
        Assert.Equal(2, rig.Harness.Sim.Boots);
        Assert.Equal(Firmware.Events.BootReason.Planned, rig.Harness.Sim.LastBoot.Reason);
        Assert.Contains("error: not logged in: type login", rig.Run("stop")); // a new boot, a new login
    }
}
