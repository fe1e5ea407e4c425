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

    [Fact]
    public void TheListingNamesEverySerialDeviceHere()
    {
        var run = Probe("--port", "/dev/ttyUSB-none");
        foreach (var device in new[] { "ttyUSB*", "ttyACM*", "ttyS*", "ttyAMA*" }.SelectMany(pattern => Directory.GetFiles("/dev", pattern)))
            Assert.Contains(device, run.Errors);
        Assert.Equal("this machine has no serial ports: is the USB-RS485 adapter plugged in?", SerialPorts.Listing(Array.Empty<string>()));
        Assert.Equal("the serial ports here: /dev/ttyS0 (built in; a USB-RS485 adapter shows as /dev/ttyUSB<n> or /dev/ttyACM<n>: is it plugged in?)",
            SerialPorts.Listing(new[] { "/dev/ttyS0" }));
        Assert.Equal("the serial ports here: /dev/ttyS0, /dev/ttyUSB0", SerialPorts.Listing(new[] { "/dev/ttyS0", "/dev/ttyUSB0" }));
    }

    [Fact]
    public void WhatIsNoTerminalIsNotASerialPort()
    {
        var file = Path.GetTempFileName();
        foreach (var path in new[] { "/dev/null", file, Path.GetTempPath().TrimEnd('/') })
        {
            var run = Probe("--port", path);
            Assert.Equal(1, run.ExitCode);
            Assert.Matches("^MeterProbe: " + path + " is (a folder, )?not a serial port; ", run.Errors);
        }
        File.Delete(file);
    }

    [Fact]
    public void TheProfileIsOptional() =>
        Assert.Contains("[--profile ddsu666|dtsu666|sdm120|sdm630|custom]", Probe("--help").Output);

    [Theory]
    [InlineData("--baud", "1234", "--baud must be one of 1200, 2400, 4800, 9600, 19200, 38400 (what meter.baud can be set to), not '1234'")]
    [InlineData("--baud", "57600", "not '57600'")]
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
