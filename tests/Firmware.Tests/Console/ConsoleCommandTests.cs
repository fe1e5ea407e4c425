using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>A command packs its small numbers into one field and reads its words from its name (nanoCLR's 12 bytes a field).</summary>
public class ConsoleCommandTests
{
    [Fact]
    public void TheNumbersComeBackAsGiven()
    {
        var command = new ConsoleCommand(255, "config set", "<key> <value>", 2, 255, CommandAccess.Technician, "s", "e");
        Assert.Equal((255, 2, 255, CommandAccess.Technician), (command.Id, command.MinArguments, command.MaxArguments, command.Access));
        for (var i = 0; i < ConsoleCommands.All.Length; i++)
            Assert.Equal(i, ConsoleCommands.All[i].Id);
        var help = ConsoleCommands.All[ConsoleCommands.Help];
        Assert.Equal((0, 2, CommandAccess.Open), (help.MinArguments, help.MaxArguments, help.Access));
        Assert.Equal(CommandAccess.LoggedIn, ConsoleCommands.All[ConsoleCommands.PinChange].Access);
        var highest = new ConsoleCommand(1, "x", "", 0, 0, (CommandAccess)255, "", ""); // the access byte is the int's sign byte
        Assert.Equal((CommandAccess)255, highest.Access);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new ConsoleCommand(256, "x", "", 0, 0, CommandAccess.Open, "", ""));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new ConsoleCommand(1, "x", "", -1, 0, CommandAccess.Open, "", ""));
    }

    [Theory]
    [InlineData("config set x 1", true)]
    [InlineData("CONFIG Set", true)]
    [InlineData("config", false)]
    [InlineData("config setx", false)]
    [InlineData("config se", false)]
    [InlineData("configset", false)]
    [InlineData("set config", false)]
    public void ALineNamesACommandByAllItsWords(string line, bool named)
    {
        var configSet = ConsoleCommands.All[ConsoleCommands.ConfigSet];
        Assert.Equal(2, configSet.WordCount);
        Assert.Equal(named, configSet.IsNamedBy(line.Split(' ')));
    }

    [Fact]
    public void TheLongestNameWinsAndAFirstWordListsItsCommands()
    {
        Assert.Equal(ConsoleCommands.SafeModeClear, ConsoleCommands.Match(new[] { "Safe-Mode", "clear", "now" }).Id);
        Assert.Equal(ConsoleCommands.Help, ConsoleCommands.Match(new[] { "help", "config", "set" }).Id);
        Assert.Null(ConsoleCommands.Match(new[] { "safe-mode" }));
        Assert.Equal("config list [prefix] | config get <key> | config set <key> <value>", ConsoleCommands.UsagesStartingWith("config"));
        Assert.Null(ConsoleCommands.UsagesStartingWith("conf"));
        Assert.Equal(1, ConsoleCommands.All[ConsoleCommands.Status].WordCount);
    }
}
