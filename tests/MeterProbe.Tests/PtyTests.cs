using ChargeController.Firmware.Metering;
using ChargeController.Sim.Metering;
using ChargeController.TestSupport;
using ChargeController.Tools;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>
/// MeterProbe end to end, as a technician runs it: the real program on the device end of a pseudo-terminal pair (as a
/// USB-RS485 adapter), the simulated meter slave on the other, each failure mode diagnosed in plain words.
/// </summary>
public sealed class PtyTests : IDisposable
{
    private readonly PseudoTerminal _pty = new();
    private readonly CancellationTokenSource _stopSlave = new();
    private Thread? _slaveThread;

    private void StartMeter(byte address, bool corruptCrc = false, bool garbage = false, bool slaveError = false)
    {
        var meter = new SimMeter(MeterProfiles.Ddsu666, address) { Garbage = garbage, SlaveError = slaveError };
        meter.Step(0, 231_500, 0, threePhase: false);
        var slave = new RtuSlave(new PtyLink(_pty), meter) { CorruptCrc = corruptCrc };
        _slaveThread = new Thread(() => slave.Serve(_stopSlave.Token)) { IsBackground = true };
        _slaveThread.Start();
    }

    /// <summary>Cases that expect an answer wait long: the slave's thread shares two cores with every other test.</summary>
    private const string Patient = "--timeout 2000";

    private (int ExitCode, string Output) Probe(string arguments)
    {
        var run = ToolRun.Of("MeterProbe", null, $"--port {_pty.DevicePath} {arguments}".Split(' '));
        return (run.ExitCode, run.Output + run.Errors);
    }

    [Fact]
    public void ReadsAHealthyMeter()
    {
        StartMeter(1);
        var (exit, output) = Probe($"--profile ddsu666 --address 1 --baud 9600 {Patient}");
        Assert.True(exit == 0, output);
        Assert.Contains("voltage L1          231.500 V", output);
        Assert.Contains("import energy      1234.567 kWh", output);
        Assert.Contains("OK: the meter answers with plausible values. Pile config: meter.profile=ddsu666 meter.address=1", output);
    }

    [Fact]
    public void NoAnswerAtAll()
    {
        var (exit, output) = Probe("--profile ddsu666 --address 1 --timeout 100");
        Assert.Equal(1, exit);
        Assert.Contains("NO ANSWER from address 1 at 9600 8N1.", output);
        Assert.Contains("A and B are not swapped", output);
    }

    [Fact]
    public void WrongAddressIsFound()
    {
        StartMeter(5);
        var (exit, output) = Probe("--profile ddsu666 --address 1 --timeout 1000");
        Assert.Equal(1, exit);
        Assert.Contains("WRONG ADDRESS: a device answers at address 5: set meter.address=5", output);
    }

    [Fact]
    public void CrcErrors()
    {
        StartMeter(1, corruptCrc: true);
        var (exit, output) = Probe($"--profile ddsu666 --address 1 {Patient}");
        Assert.Equal(1, exit);
        Assert.Contains("CRC ERRORS", output);
        Assert.Contains("baud rate or parity", output);
    }

    [Fact]
    public void SlaveException()
    {
        StartMeter(1, slaveError: true);
        var (exit, output) = Probe($"--profile ddsu666 --address 1 {Patient}");
        Assert.Equal(1, exit);
        Assert.Contains("SLAVE EXCEPTION 04 (slave device failure)", output);
    }

    [Fact]
    public void WrongProfileGivesAnIllegalAddress()
    {
        StartMeter(1);
        var (exit, output) = Probe($"--profile sdm120 --address 1 --baud 9600 {Patient}");
        Assert.Equal(1, exit);
        Assert.Contains("SLAVE EXCEPTION 02 (illegal data address)", output);
    }

    [Fact]
    public void ImplausibleValues()
    {
        StartMeter(1, garbage: true);
        var (exit, output) = Probe($"--profile ddsu666 --address 1 {Patient}");
        Assert.Equal(1, exit);
        Assert.Contains("IMPLAUSIBLE VALUES (non-finite)", output);
    }

    [Fact]
    public void ACustomProfileUsesTheFirmwaresKeys()
    {
        StartMeter(1);
        var (exit, output) = Probe($"--profile custom --set meter.custom.voltageL1.register=8192 --set meter.custom.voltageL1.shift=3 " +
            $"--set meter.custom.energy.register=16384 --set meter.custom.energy.shift=3 --address 1 {Patient}");
        Assert.True(exit == 0, output);
        Assert.Contains("custom (meter.custom.*)", output);
        Assert.Contains("voltage L1          231.500 V", output);
        Assert.Contains("import energy      1234.567 kWh", output);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var (exit, output) = Probe("--profile acrel9 --address 1");
        Assert.Equal(2, exit);
        Assert.Contains("unknown profile 'acrel9'", output);
    }

    public void Dispose()
    {
        _stopSlave.Cancel();
        _slaveThread?.Join(2000);
        _pty.Dispose();
    }
}
