using ChargeController.Firmware.Pilot;
using Xunit;

namespace ChargeController.Tests.Pilot;

public class PilotDebouncerTests
{
    private static PilotDebouncer Settled(PilotState state, bool ventilationAllowed = false)
    {
        var debouncer = new PilotDebouncer(towardsChargeMs: 200, awayMs: 30, ventilationAllowed);
        debouncer.Update(state, 0);
        return debouncer;
    }

    [Fact]
    public void AChangeThatDoesNotLastIsCountedAsARejectionAndAnAcceptedOneIsNot()
    {
        var debouncer = Settled(PilotState.B);
        debouncer.Update(PilotState.C, 10); // S2 bounces: C for 20 ms, back to B
        debouncer.Update(PilotState.C, 20);
        debouncer.Update(PilotState.B, 30);
        debouncer.Update(PilotState.C, 40); // C, then A before either lasted
        debouncer.Update(PilotState.A, 50);
        Assert.Equal(2, debouncer.Rejections);
        for (var t = 60; t <= 300; t += 10)
            debouncer.Update(PilotState.C, t); // A did not last either; C does
        Assert.Equal(PilotState.C, debouncer.Stable);
        Assert.Equal(3, debouncer.Rejections);
    }

    [Fact]
    public void FirstReadingIsTakenAtOnce() => Assert.Equal(PilotState.B, Settled(PilotState.B).Stable);

    [Fact]
    public void TowardsChargeWaitsForTheLongDebounce()
    {
        var debouncer = Settled(PilotState.B);
        for (var t = 10; t < 210; t += 10)
            Assert.False(debouncer.Update(PilotState.C, t), $"changed at {t} ms");
        Assert.True(debouncer.Update(PilotState.C, 210));
        Assert.Equal(PilotState.C, debouncer.Stable);
    }

    [Fact]
    public void AwayFromChargeTakesTheShortDebounce()
    {
        var debouncer = Settled(PilotState.C);
        Assert.False(debouncer.Update(PilotState.B, 10));
        Assert.False(debouncer.Update(PilotState.B, 30));
        Assert.True(debouncer.Update(PilotState.B, 40));
    }

    [Theory]
    [InlineData(false, 40)]   // D is not chargeable here: leaving C for it must open the contactor within 100 ms
    [InlineData(true, 210)]   // D is chargeable: it is a charge request like C
    public void DWeighsAsAChargeRequestOnlyWhereVentilationIsAllowed(bool ventilationAllowed, long acceptedAtMs)
    {
        var debouncer = Settled(PilotState.C, ventilationAllowed);
        long t = 0;
        while (!debouncer.Update(PilotState.D, t += 10)) { }
        Assert.Equal(acceptedAtMs, t);
    }

    [Fact]
    public void ABounceRestartsTheWait()
    {
        var debouncer = Settled(PilotState.B);
        debouncer.Update(PilotState.C, 10);
        debouncer.Update(PilotState.B, 100);
        debouncer.Update(PilotState.C, 110);
        Assert.False(debouncer.Update(PilotState.C, 300));
        Assert.True(debouncer.Update(PilotState.C, 310));
    }

    [Fact]
    public void InvalidReadingsNeverBecomeStableButAreTimed()
    {
        var debouncer = Settled(PilotState.C);
        debouncer.Update(PilotState.Invalid, 10);
        debouncer.Update(PilotState.Invalid, 60);
        Assert.Equal(PilotState.C, debouncer.Stable);
        Assert.Equal(50, debouncer.InvalidForMs(60));
        debouncer.Update(PilotState.C, 70);
        Assert.Equal(0, debouncer.InvalidForMs(70));
    }
}
