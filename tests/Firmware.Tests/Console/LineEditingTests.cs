using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>Line editing as terminals send it, judged by what the console prints back through its port.</summary>
public class LineEditingTests
{
    private const string VersionReply = "firmware      1.0.0\r\n";

    [Fact]
    public void TheConsoleStartsWithAPrompt()
    {
        Assert.Equal("pile> ", new ConsoleRig().BootOutput);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void EachLineEndingEndsOneLine(string ending)
    {
        var rig = new ConsoleRig();
        var printed = rig.Type("version" + ending + "version" + ending);
        Assert.Equal("version\r\n" + VersionReply + "pile> " + "version\r\n" + VersionReply + "pile> ", printed);
    }

    [Fact]
    public void CrLfSplitAcrossReadsIsStillOneLineEnd()
    {
        var rig = new ConsoleRig();
        rig.Type("version\r");
        Assert.Equal("", rig.Type("\n")); // the LF of CR LF, arriving after the reply: no empty line
        Assert.Equal("version\r\n" + VersionReply + "pile> ", rig.Type("version\n"));
    }

    [Fact]
    public void AnEmptyLineOnlyPromptsAgain()
    {
        var rig = new ConsoleRig();
        Assert.Equal("\r\npile> ", rig.Type("\r"));
        Assert.Equal("   \r\npile> ", rig.Type("   \r"));
    }

    [Theory]
    [InlineData((byte)0x08)]
    [InlineData((byte)0x7F)]
    public void BackspaceAndDeleteRubOut(byte rubout)
    {
        var rig = new ConsoleRig();
        rig.Port.Type("verx");
        rig.Port.Type(new[] { rubout });
        var printed = rig.Type("sion\r");
        Assert.Equal("verx\b \bsion\r\n" + VersionReply + "pile> ", printed);
    }

    [Fact]
    public void RubbingOutAnEmptyLineDoesNothing()
    {
        var rig = new ConsoleRig();
        rig.Port.Type(new byte[] { 0x7F, 0x7F });
        Assert.Equal("version\r\n" + VersionReply + "pile> ", rig.Type("version\r"));
    }

    [Fact]
    public void CtrlCCancelsTheLine()
    {
        var rig = new ConsoleRig();
        var printed = rig.Type("reboot\x03");
        Assert.Equal("reboot^C\r\npile> ", printed);
        Assert.Empty(rig.ConsoleEvents);
        Assert.Equal("version\r\n" + VersionReply + "pile> ", rig.Type("version\r"));
    }

    [Theory]
    [InlineData("\x1b[A")]       // cursor up
    [InlineData("\x1b[1;5C")]    // ctrl-right, with parameters
    [InlineData("\x1b[3~")]      // the delete key
    [InlineData("\x1bOP")]       // F1
    [InlineData("\x1b" + "c")]   // a two-byte escape
    [InlineData("\t\x01\x02\x1a")] // other control characters
    public void EscapeSequencesAndControlCharactersNeverReachTheParser(string noise)
    {
        var rig = new ConsoleRig();
        var printed = rig.Type("ver" + noise + "sion\r");
        Assert.Equal("version\r\n" + VersionReply + "pile> ", printed);
    }

    [Theory]
    [InlineData("\x1b")]     // a lone ESC (the Escape key)
    [InlineData("\x1b[")]    // a sequence broken off
    [InlineData("\x1b[1;")]
    [InlineData("\x1bO")]
    public void AControlByteAfterABrokenOffEscapeStillActs(string broken)
    {
        var rig = new ConsoleRig();
        Assert.Equal("version\r\n" + VersionReply + "pile> ", rig.Type("version" + broken + "\r"));
        Assert.Equal("reboot^C\r\npile> ", rig.Type("reboot" + broken + "\x03"));
        Assert.Equal("versionx\b \b\r\n" + VersionReply + "pile> ", rig.Type("versionx" + broken + "\x7f\r"));
    }

    [Fact]
    public void BytesAboveAsciiAreSwallowed()
    {
        var rig = new ConsoleRig();
        rig.Port.Type("ver");
        rig.Port.Type(new byte[] { 0xC3, 0xA9, 0xFF });
        Assert.Equal("version\r\n" + VersionReply + "pile> ", rig.Type("sion\r"));
    }

    [Fact]
    public void ALineOfTheMaximumLengthIsParsed()
    {
        var rig = new ConsoleRig();
        var line = new string('x', ConsoleLine.MaxChars);
        Assert.Contains("error: unknown command '" + line + "' (type help)", rig.Run(line));
    }

    [Fact]
    public void ALongerLineIsRefusedWhole()
    {
        var rig = new ConsoleRig();
        var printed = rig.Run("status " + new string('x', ConsoleLine.MaxChars - 6));
        Assert.Contains("error: line too long: at most 80 characters; nothing was done\r\npile> ", printed);
        Assert.DoesNotContain("status ", printed[(ConsoleLine.MaxChars + 2)..]);
    }

    [Fact]
    public void RubbingOutBelowTheMaximumMakesTheLineValidAgain()
    {
        var rig = new ConsoleRig();
        rig.Port.Type("version" + new string('x', ConsoleLine.MaxChars));
        rig.Port.Type(Enumerable.Repeat((byte)0x7F, ConsoleLine.MaxChars).ToArray());
        Assert.EndsWith(VersionReply + "pile> ", rig.Type("\r"));
    }

    [Fact]
    public void TypeAheadWaitsForTheReplySoEchoNeverInterleaves()
    {
        var rig = new ConsoleRig();
        var printed = rig.Type("uptime\r\nversion\r\n");
        Assert.Matches("^uptime\r\nuptimeS +0\r\n(.*\r\n){3}pile> version\r\n" + VersionReply + "pile> $", printed);
    }

    [Fact]
    public void CommandNamesMatchInAnyCase()
    {
        var rig = new ConsoleRig();
        Assert.Contains(VersionReply, rig.Run("VERSION"));
    }
}
