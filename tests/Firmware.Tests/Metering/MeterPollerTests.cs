using ChargeController.Firmware.Metering;
using ChargeController.Sim.Metering;
using Xunit;

namespace ChargeController.Tests.Metering;

public class MeterPollerTests
{
    private static (MeterPoller Poller, SimMeter Meter, SimModbusBus Bus) Setup(MeterProfile profile)
    {
        var meter = new SimMeter(profile, 1);
        meter.Step(0, 230_000, 16_000, threePhase: true);
        var bus = new SimModbusBus(meter);
        return (new MeterPoller(bus, profile, 1, new MeterPlausibility(3 * 32 * 264), 1000, 10_000), meter, bus);
    }

    [Theory]
    [InlineData("ddsu666", 3)]   // 0x2000-0x2005, 0x200E-0x200F, 0x4000-0x4001
    [InlineData("dtsu666", 3)]   // 0x2006-0x2019 (the per-phase powers follow the currents), 0x2044-0x2045, 0x401E-0x401F
    [InlineData("sdm120", 4)]    // 0x0000, 0x0006, 0x000C, 0x0046-0x0049
    [InlineData("sdm630", 3)]    // 0x0000-0x0011 (the per-phase powers follow the currents), 0x0034-0x0035, 0x0046-0x0049 (frequency and energy are adjacent)
    public void AdjacentRegistersAreReadInOneTransaction(string name, int transactions)
    {
        var (poller, _, bus) = Setup(MeterProfiles.Find(name)!);
        poller.Poll(0);
        Assert.Equal(MeterHealth.Ok, poller.Health);
        Assert.Equal(transactions, bus.Transactions);
    }

    [Fact]
    public void PollingAllocatesNothing()
    {
        var (poller, meter, _) = Setup(MeterProfiles.Dtsu666);
        poller.Poll(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 1000; t <= 600_000; t += 1000)
        {
            meter.Step(t, 230_000, 16_000, threePhase: true);
            poller.Poll(t);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(MeterHealth.Ok, poller.Health);
        Assert.Equal(601, poller.Latest!.Sequence);
    }

    [Fact]
    public void APublishedReadingIsNotRewrittenByTheNextTwoPolls()
    {
        var (poller, meter, _) = Setup(MeterProfiles.Ddsu666);
        poller.Poll(0);
        var held = poller.Latest!;
        var wh = held.ImportWh;
        meter.Step(3_600_000, 230_000, 16_000, threePhase: false); // an hour at 3.68 kW
        poller.Poll(3_600_000);
        poller.Poll(3_601_000);
        Assert.Equal(wh, held.ImportWh);
        Assert.Equal(0, held.TimeMs);
        Assert.NotSame(held, poller.Latest);
    }

    [Fact]
    public void EnergyFasterThanThePileCanDeliverIsRejected()
    {
        var (poller, meter, _) = Setup(MeterProfiles.Ddsu666);
        poller.Poll(0);
        meter.RunBackwards(-100_000); // +100 kWh in one second
        poller.Poll(1000);
        Assert.Equal(MeterHealth.EnergyTooFast, poller.Health);
        Assert.Equal(1, poller.CountOf(MeterHealth.EnergyTooFast));
    }

    [Fact]
    public void WrongAddressTimesOut()
    {
        var meter = new SimMeter(MeterProfiles.Ddsu666, 7);
        var poller = new MeterPoller(new SimModbusBus(meter), MeterProfiles.Ddsu666, 1, new MeterPlausibility(10_000), 1000, 10_000);
        poller.Poll(0);
        Assert.Equal(MeterHealth.Timeout, poller.Health);
        Assert.Null(poller.Latest);
    }
}
