using System.Security.Cryptography;
using System.Text;
using ChargeController.Firmware.Console;
using ChargeController.Firmware.Events;
using ChargeController.Loader;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>Login, PINs, lock-out and idle logout, judged from what the console prints, the events and the flash.</summary>
public class AccessTests
{
    private const string WrongPin = "111111";

    [Fact]
    public void LoginAsksForThePinWithoutEchoingIt()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Run("logout");
        Assert.EndsWith("PIN: ", rig.Run("login"));
        var printed = rig.Run(ConsoleRig.TechnicianPin);
        Assert.Equal("******\r\nlogged in\r\npile# ", printed);
        var login = rig.ConsoleEvents.Last();
        Assert.Equal("login", login.Text);
        Assert.True(login.Flag);
    }

    [Fact]
    public void ThePinIsStoredAsAnIteratedSaltedSha256AndNowhereInTheClear()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        var file = rig.Harness.Sim.Store.DurableContent(ConsoleAccessStore.FileName);
        var expected = SHA256.HashData(ConsoleRig.Salt.Concat(Encoding.ASCII.GetBytes(ConsoleRig.TechnicianPin)).ToArray());
        for (var round = 1; round < PinHasher.Rounds; round++)
            expected = SHA256.HashData(expected.Concat(ConsoleRig.Salt).Concat(Encoding.ASCII.GetBytes(ConsoleRig.TechnicianPin)).ToArray());
        Assert.Equal(expected, file.Skip(3 + PinHasher.SaltBytes).Take(Sha256.DigestBytes).ToArray());
        Assert.Equal(ConsoleRig.Salt, file.Skip(3).Take(PinHasher.SaltBytes).ToArray());
        Assert.DoesNotContain(ConsoleRig.TechnicianPin, Encoding.ASCII.GetString(file));
        Assert.All(rig.ConsoleEvents, e => Assert.DoesNotContain(ConsoleRig.TechnicianPin, e.Text + e.Text2));
        Assert.DoesNotContain(ConsoleRig.TechnicianPin, rig.Run("config list"));
    }

    [Fact]
    public void PinChangeAsksTwiceAndTheFactoryPinNoLongerWorks()
    {
        var rig = new ConsoleRig();
        rig.LoginAs(ConsoleRig.FactoryPin);
        Assert.EndsWith("new PIN: ", rig.Run("pin change"));
        Assert.EndsWith("new PIN again: ", rig.Run(ConsoleRig.TechnicianPin));
        Assert.EndsWith("PIN changed; logged in\r\npile# ", rig.Run(ConsoleRig.TechnicianPin));
        var change = rig.ConsoleEvents.Last();
        Assert.Equal("pin change", change.Text);
        Assert.True(change.Flag);
        rig.Run("logout");
        rig.Run("login");
        Assert.Contains("error: wrong PIN (1 of 5 before a lock-out)\r\npile> ", rig.Run(ConsoleRig.FactoryPin));
    }

    [Theory]
    [InlineData("12345", "a PIN is 6 to 12 digits; nothing changed")]
    [InlineData("1234567890123", "a PIN is 6 to 12 digits; nothing changed")]
    [InlineData("12a456", "a PIN is 6 to 12 digits; nothing changed")]
    [InlineData(ConsoleAccess.DefaultFactoryPin, "the new PIN must not be the factory PIN; nothing changed")]
    public void PinChangeRefusesABadPin(string pin, string error)
    {
        var rig = new ConsoleRig();
        rig.LoginAs(ConsoleRig.FactoryPin);
        rig.Run("pin change");
        Assert.Contains("error: " + error + "\r\npile# ", rig.Run(pin));
        Assert.Equal(error, rig.ConsoleEvents.Last().Text2);
        Assert.False(rig.Harness.Sim.Store.Exists(ConsoleAccessStore.FileName));
    }

    [Fact]
    public void PinChangeRefusesTwoDifferentPins()
    {
        var rig = new ConsoleRig();
        rig.LoginAs(ConsoleRig.FactoryPin);
        rig.Run("pin change");
        rig.Run("123456");
        Assert.Contains("error: the two PINs differ; nothing changed\r\n", rig.Run("123457"));
        Assert.Contains("error: the factory PIN only allows", rig.Run("stop"));
    }

    [Fact]
    public void CtrlCAtThePinPromptCancelsWithoutCountingAFailure()
    {
        var rig = new ConsoleRig();
        rig.Run("login");
        Assert.Equal("**^C\r\nerror: cancelled\r\npile> ", rig.Type("12\x03"));
        Assert.DoesNotContain(rig.ConsoleEvents, e => !e.Flag);
    }

    [Fact]
    public void ANewPileTakesOnlyTheFactoryPin()
    {
        var rig = new ConsoleRig();
        rig.Run("login");
        Assert.Contains("error: wrong PIN (1 of 5 before a lock-out)\r\npile> ", rig.Run(ConsoleRig.TechnicianPin));
        rig.Run("login");
        Assert.Contains("logged in with the factory PIN: only 'pin change' is allowed", rig.Run(ConsoleRig.FactoryPin));
    }

    [Fact]
    public void LogoutEndsTheLogin()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        Assert.Equal("logout\r\nlogged out\r\npile> ", rig.Run("logout"));
        Assert.Contains("error: not logged in: type login", rig.Run("stop"));
    }

    private static void FailLogins(ConsoleRig rig, int count)
    {
        for (var i = 0; i < count; i++)
        {
            rig.Run("login");
            rig.Run(WrongPin);
        }
    }

    [Fact]
    public void FiveWrongPinsLockTheConsoleForFiveMinutes()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Run("logout");
        FailLogins(rig, 4);
        rig.Run("login");
        Assert.Contains("error: wrong PIN: 5 in a row, console locked for 5 minutes\r\npile> ", rig.Run(WrongPin));
        var failures = rig.ConsoleEvents.Where(e => e.Text == "login" && !e.Flag).ToList();
        Assert.Equal(5, failures.Count);
        Assert.Equal("wrong PIN (1 of 5 before a lock-out)", failures[0].Text2);

        var printed = rig.Run("login");
        Assert.Contains("error: console locked for another 300 s after 5 wrong PINs\r\npile> ", printed); // no PIN asked
        Assert.Equal(6, rig.ConsoleEvents.Count(e => e.Text == "login" && !e.Flag));
        Assert.Contains("error: not logged in, and logins are locked for another 300 s\r\n", rig.Run("stop"));
        Assert.Contains("status", rig.Run("status")); // reading stays open

        rig.Idle(ConsoleAccess.LockoutMs - 1000);
        Assert.Contains("locked for another 1 s", rig.Run("login"));
        rig.Idle(1000);
        rig.LoginAs(ConsoleRig.TechnicianPin);
        Assert.Contains("limit lifted", rig.Run("limit off"));
    }

    [Fact]
    public void TheLockOutSurvivesAReboot()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Run("logout");
        FailLogins(rig, 5);
        rig.Harness.At(rig.NowMs + 10, "power cut").At(rig.NowMs + 60_000, "power restore").RunTo(rig.NowMs + 10);
        rig.Settle();
        Assert.Equal(2, rig.Harness.Sim.Boots);
        Assert.Contains("error: console locked for another 300 s after 5 wrong PINs", rig.Run("login"));
        rig.Idle(ConsoleAccess.LockoutMs);
        rig.LoginAs(ConsoleRig.TechnicianPin);
        Assert.Contains("pile# ", rig.Run(""));
    }

    [Fact]
    public void WrongPinsCountAcrossAReboot()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Run("logout");
        FailLogins(rig, 4);
        rig.Harness.At(rig.NowMs + 10, "reboot").RunTo(rig.NowMs + 10);
        rig.Settle();
        rig.Run("login");
        Assert.Contains("console locked for 5 minutes", rig.Run(WrongPin));
    }

    [Fact]
    public void AGoodPinStartsTheCountAgain()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Run("logout");
        FailLogins(rig, 4);
        rig.LoginAs(ConsoleRig.TechnicianPin);
        rig.Run("logout");
        FailLogins(rig, 4);
        rig.LoginAs(ConsoleRig.TechnicianPin);
        Assert.Contains("pile# ", rig.Run(""));
    }

    [Fact]
    public void ALoginEndsAfterTenMinutesIdle()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Idle(ConsoleAccess.IdleLogoutMs - 1000);
        Assert.EndsWith("pile# ", rig.Run("version")); // typing keeps it
        rig.Idle(ConsoleAccess.IdleLogoutMs - 1000);
        Assert.Contains("limit lifted", rig.Run("limit off"));
        rig.Idle(ConsoleAccess.IdleLogoutMs);
        Assert.Contains("error: not logged in: the login ended after 10 minutes idle; type login\r\npile> ", rig.Run("limit off"));
        var idle = rig.ConsoleEvents.Single(e => e.Text == "logout (idle)");
        Assert.True(idle.Flag);
    }

    [Fact]
    public void ADamagedAccessFileFallsBackToTheFactoryPinWithAWarning()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Harness.Sim.Store.Replace(ConsoleAccessStore.FileName, new byte[] { 1, 2, 3 }, 0, 3);
        rig.Harness.At(rig.NowMs + 10, "reboot").RunTo(rig.NowMs + 10);
        rig.Settle();
        rig.LoginAs(ConsoleRig.FactoryPin);
        Assert.Contains(rig.Harness.Recorder.Events, e => e.Kind == EventKind.ConfigWarning && e.Text.StartsWith("console access file is damaged"));
        Assert.Contains("error: the factory PIN only allows 'pin change'", rig.Run("stop"));
    }
}
