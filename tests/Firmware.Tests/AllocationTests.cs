using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests;

/// <summary>
/// The steady state allocates nothing per tick: on the device every allocation is heap churn on an 80 KB heap and a GC
/// pause on the control thread. Measured exactly, over a minute of ticks (vehicle step, core tick, event drain).
/// </summary>
public class AllocationTests
{
    private const int MinuteOfTicksMs = 60_000;

    private static long AllocatedOver(PileHarness pile, long fromMs)
    {
        pile.Sim.AdvanceTo(fromMs + 1_000); // warm-up: every code path of the steady state has run once
        var before = GC.GetAllocatedBytesForCurrentThread();
        pile.Sim.AdvanceTo(fromMs + 1_000 + MinuteOfTicksMs);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void IdleTicksAllocateNothing()
    {
        var pile = new PileHarness();
        Assert.Equal(0, AllocatedOver(pile, 0));
    }

    [Fact]
    public void ChargingTicksAllocateNothing()
    {
        var pile = new PileHarness().Charging();
        Assert.True(pile.Pile.ContactorClosed);
        Assert.Equal(0, AllocatedOver(pile, pile.NowMs));
        Assert.True(pile.Pile.ContactorClosed);
    }

    [Fact]
    public void DeratedChargingTicksAllocateNothing()
    {
        var pile = new PileHarness().Charging().At(10_000, "temp 66C").At(10_010, "limit 20A");
        Assert.Equal(0, AllocatedOver(pile, pile.NowMs));
        Assert.Equal(10_000, pile.Pile.AdvertisedMa); // min(32 A, 20 A limit) halved at 66 C
    }
}
