using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>docs/console.md, the technician's guide, covers every command of the table and states the limits the code has.</summary>
public class ConsoleDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "console.md"));

    [Fact]
    public void EveryCommandHasASection()
    {
        foreach (var command in ConsoleCommands.All)
            Assert.Contains("### " + command.Name, Doc);
    }

    [Fact]
    public void TheLimitsAreTheCodes()
    {
        Assert.Contains("at most " + ConsoleLine.MaxChars + " characters", Doc);
        Assert.Contains("Five wrong PINs", Doc);
        Assert.Equal(5, ConsoleAccess.MaxFailures);
        Assert.Contains("for **" + ConsoleAccess.LockoutMs / 60_000 + " minutes**", Doc);
        Assert.Contains("after **" + ConsoleAccess.IdleLogoutMs / 60_000 + " minutes**", Doc);
        Assert.Contains(PinHasher.Rounds + " rounds", Doc);
        Assert.Contains("`" + ConsoleAccess.DefaultFactoryPin + "`", Doc);
        Assert.Contains(PinHasher.MinDigits + " to " + PinHasher.MaxDigits + " digits", Doc);
    }
}
