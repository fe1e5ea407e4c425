using System.Diagnostics;
using ChargeController.Firmware.Metering;
using ChargeController.Sim.Metering;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>
/// MeterProbe end to end, as a technician runs it: the real program on one end of a pseudo-terminal pair (socat, as
/// a USB-RS485 adapter), the simulated meter slave on the other, each failure mode diagnosed in plain words.
/// </summary>
public sealed class PtyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meterprobe-").FullName;
    private readonly Process _socat;
    private readonly CancellationTokenSource _stopSlave = new();
    private Thread? _slaveThread;
    private SerialLink? _slaveLink;

    public PtyTests()
    {
        var start = new ProcessStartInfo("socat", $"pty,raw,echo=0,link={ProbeEnd} pty,raw,echo=0,link={MeterEnd}")
        {
            RedirectStandardError = true,
        };
        try
        {
            _socat = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("socat is needed for the pty tests (.ci/run installs it): " + e.Message);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(ProbeEnd) && File.Exists(MeterEnd)))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException("socat did not create the pty pair");
            Thread.Sleep(20);
        }
    }

    private string ProbeEnd => Path.Combine(_folder, "probe");
    private string MeterEnd => Path.Combine(_folder, "meter");

    private void StartMeter(byte address, bool corruptCrc = false, bool garbage = false, bool slaveError = false)
    {
        var meter = new SimMeter(MeterProfiles.Ddsu666, address) { Garbage = garbage, SlaveError = slaveError };
        meter.Step(0, 231_500, 0, threePhase: false);
        _slaveLink = new SerialLink(MeterEnd, 9600, System.IO.Ports.Parity.None);
        var slave = new RtuSlave(_slaveLink, meter) { CorruptCrc = corruptCrc };
        _slaveThread = new Thread(() => slave.Serve(_stopSlave.Token)) { IsBackground = true };
        _slaveThread.Start();
    }

    /// <summary>Cases that expect an answer wait long: the slave's thread shares two cores with every other test.</summary>
    private const string Patient = "--timeout 2000";

    private (int ExitCode, string Output) Probe(string arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "MeterProbe.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{tool}\" --port {ProbeEnd} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "MeterProbe did not finish");
        return (process.ExitCode, output);
    }

    [Fact]
    public void ReadsAHealthyMeter()
    {
        StartMeter(1);
        var (exit, output) = Probe($"--profile ddsu666 --address 1 --baud 9600 {Patient}");
        Assert.Equal(0, exit);
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
        _slaveLink?.Dispose();
        if (!_socat.HasExited)
            _socat.Kill();
        _socat.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
