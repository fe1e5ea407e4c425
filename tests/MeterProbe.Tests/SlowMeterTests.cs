using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>
/// Timing on the bus, on virtual time: a meter slower than the response timeout is told as late (with the timeout to
/// set), never as another address; frames from other addresses are not answers; the line is quiet for 3.5 characters
/// before every request.
/// </summary>
public class SlowMeterTests
{
    private const int TimeoutMs = 300;

    private static (ProbeReport Report, VirtualBus Bus) ProbeOn(VirtualBus bus, byte address = 1)
    {
        var master = new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs);
        return (Probe.Run(master, MeterProfiles.Ddsu666, address), bus);
    }

    [Theory]
    [InlineData(350, 600)]
    [InlineData(500, 800)]
    [InlineData(700, 1100)]
    public void AMeterAnsweringAfterTheTimeoutIsLateNotAtAnotherAddress(int answersAfterMs, int suggestedMs)
    {
        var (report, _) = ProbeOn(new VirtualBus().Meter(MeterProfiles.Ddsu666, 1, answersAfterMs));
        Assert.Equal(MeterHealth.Timeout, report.Health);
        Assert.Null(report.AnswersAtAddress);
        Assert.InRange(report.LateAnswerMs!.Value, answersAfterMs, answersAfterMs + 30); // with the request and the answer on the wire
        var lines = Diagnosis.Lines(report, MeterProfiles.Ddsu666, 1, "9600 8N1", TimeoutMs).ToArray();
        Assert.StartsWith($"LATE ANSWER: the meter at address 1 answers, but {report.LateAnswerMs} ms after the request, past the 300 ms timeout.", lines[0]);
        Assert.Contains($"Set meter.responseTimeoutMs={suggestedMs} on the pile (here: --timeout {suggestedMs})", lines[1]);
        Assert.DoesNotContain(lines, line => line.Contains("WRONG ADDRESS"));
    }

    [Fact]
    public void AMeterSlowerThanThePileCanWaitIsNotFoundAndNotMisplaced()
    {
        var (report, _) = ProbeOn(new VirtualBus().Meter(MeterProfiles.Ddsu666, 1, 2500));
        Assert.Null(report.LateAnswerMs);
        Assert.Null(report.AnswersAtAddress);
    }

    [Fact]
    public void AFrameFromAnotherAddressIsNotTheAnswer()
    {
        var bus = new VirtualBus().Meter(MeterProfiles.Ddsu666, 1, 500).Meter(MeterProfiles.Ddsu666, 2, 250);
        var master = new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs);
        var words = new ushort[2];
        Assert.Equal(ModbusStatus.Timeout, master.ReadInputRegisters(1, 0x2000, 2, words, out _));
        // the late answer of address 1 arrives while address 3, which has no meter, is asked: it is not address 3's
        Assert.Equal(ModbusStatus.Timeout, master.ReadInputRegisters(3, 0x2000, 2, words, out _));
        Assert.Equal(ModbusStatus.Timeout, master.ReadInputRegisters(1, 0x2000, 2, words, out _));
        // and while address 2 is asked, it is dropped and address 2's own answer taken
        Assert.Equal(ModbusStatus.Ok, master.ReadInputRegisters(2, 0x2000, 2, words, out _));
    }

    [Fact]
    public void TheLineIsQuietForThreeAndAHalfCharactersBeforeEveryRequest()
    {
        var (_, bus) = ProbeOn(new VirtualBus().Meter(MeterProfiles.Ddsu666, 1, 1));
        Assert.True(bus.QuietBeforeRequestsMs.Count > 1);
        // 3.5 characters of 10 bits (8N1) at 9600 baud: 3.65 ms
        Assert.All(bus.QuietBeforeRequestsMs, quietMs => Assert.True(quietMs * 9600 >= 35 * 10 * 100, quietMs + " ms"));
    }
}
