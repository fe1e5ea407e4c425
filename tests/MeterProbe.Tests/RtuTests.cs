using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using ChargeController.Sim.Metering;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>RTU framing between MeterProbe's master and the simulated slave over an in-memory cable.</summary>
public class RtuTests
{
    [Fact]
    public void CrcOfTheTextbookRequest()
    {
        // read 10 holding registers from 0 at address 1: 01 03 00 00 00 0A C5 CD
        var frame = new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0, 0 };
        ModbusCrc.Append(frame, 6);
        Assert.Equal(new byte[] { 0xC5, 0xCD }, frame[6..]);
        Assert.True(ModbusCrc.Matches(frame, 8));
        frame[3] ^= 1;
        Assert.False(ModbusCrc.Matches(frame, 8));
    }

    private static (RtuMaster Master, SimMeter Meter, RtuSlave Slave, CancellationTokenSource Stop) Serve(MeterProfile profile, byte address)
    {
        var (masterEnd, slaveEnd) = MemoryLink.Pair();
        var meter = new SimMeter(profile, address);
        meter.Step(0, 230_000, 31_980, threePhase: true);
        var slave = new RtuSlave(slaveEnd, meter);
        var stop = new CancellationTokenSource();
        new Thread(() => slave.Serve(stop.Token)) { IsBackground = true }.Start();
        return (new RtuMaster(masterEnd, new MachineClock(), 9600, SerialParity.None, 1, 2000), meter, slave, stop);
    }

    [Fact]
    public void ReadsInputRegistersWordForWord()
    {
        var (master, _, _, stop) = Serve(MeterProfiles.Ddsu666, 1);
        using var stopping = stop;
        var words = new ushort[2];
        Assert.Equal(ModbusStatus.Ok, master.ReadInputRegisters(1, 0x2000, 2, words, out _));
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, words); // 230.0 V
    }

    [Fact]
    public void ExceptionsTimeoutsAndCrcErrorsAreToldApart()
    {
        var (master, meter, slave, stop) = Serve(MeterProfiles.Ddsu666, 1);
        using var stopping = stop;
        var words = new ushort[2];
        Assert.Equal(ModbusStatus.SlaveException, master.ReadHoldingRegisters(1, 0x2000, 2, words, out var code));
        Assert.Equal(SimMeter.IllegalFunction, code);
        Assert.Equal(ModbusStatus.SlaveException, master.ReadInputRegisters(1, 0x1000, 2, words, out code));
        Assert.Equal(SimMeter.IllegalDataAddress, code);
        Assert.Equal(ModbusStatus.Timeout, master.ReadInputRegisters(9, 0x2000, 2, words, out _));
        slave.CorruptCrc = true;
        Assert.Equal(ModbusStatus.CrcError, master.ReadInputRegisters(1, 0x2000, 2, words, out _));
        slave.CorruptCrc = false;
        meter.Offline = true;
        Assert.Equal(ModbusStatus.Timeout, master.ReadInputRegisters(1, 0x2000, 2, words, out _));
    }

    [Theory]
    [InlineData("ddsu666")]
    [InlineData("dtsu666")]
    [InlineData("sdm120")]
    [InlineData("sdm630")]
    public void TheProbeDecodesEveryProfileLikeThePile(string name)
    {
        var profile = MeterProfiles.Find(name)!;
        var (master, meter, _, stop) = Serve(profile, 1);
        using var stopping = stop;
        var report = Probe.Run(master, profile, 1);
        Assert.True(report.Ok, report.Health.ToString());
        Assert.Equal(230_000, report.Reading!.VoltageL1Mv);
        Assert.Equal(31_980, report.Reading.CurrentL1Ma);
        Assert.Equal(meter.ImportWh, report.Reading.ImportWh);
    }
}
