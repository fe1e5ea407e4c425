using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>MeterProbe's command line as a technician meets it: help, version, and every mistake refused in plain words.</summary>
public sealed class CommandLineTests
{
    private static ToolRun Probe(params string[] arguments) => ToolRun.Of("MeterProbe", null, arguments);

    [Fact]
    public void HelpAndVersionGoToStandardOutput() =>
        ToolConventions.HelpAndVersionGoToStandardOutput("MeterProbe", "MeterProbe", "usage: MeterProbe --port <serial port>");

    [Fact]
    public void AMissingPortIsNamedWithThePortsThatExist()
    {
        var run = Probe("--port", "/dev/ttyUSB-none", "--profile", "ddsu666");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("MeterProbe: there is no serial device /dev/ttyUSB-none; ", run.Errors);
        Assert.Matches("the serial ports here: /dev/|this machine has no serial ports", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("--baud", "1234", "--baud must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, not '1234'")]
    [InlineData("--baud", "fast", "--baud must be one of")]
    [InlineData("--timeout", "-5", "--timeout must be 1..10000 ms, not '-5'")]
    [InlineData("--timeout", "0", "--timeout must be 1..10000 ms, not '0'")]
    [InlineData("--timeout", "3600000", "--timeout must be 1..10000 ms")]
    [InlineData("--address", "248", "--address must be 1..247, not '248'")]
    [InlineData("--parity", "mark", "--parity must be none, even or odd, not 'mark'")]
    [InlineData("--set", "pile.phases=3", "--set takes meter.custom.* keys only")]
    [InlineData("--set", "meter.custom.energy.shift=9", "meter.custom.energy.shift")]
    [InlineData("--profile", "custom", "--profile custom needs at least one register")]
    [InlineData("--profile", "acrel9", "unknown profile 'acrel9' (known: ddsu666, dtsu666, sdm120, sdm630, custom)")]
    public void UnusableValuesAreRefused(string option, string value, string message)
    {
        var run = Probe("--port", "/dev/null", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
    }
}
