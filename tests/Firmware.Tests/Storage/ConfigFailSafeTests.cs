using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>A pile commissioned below its defaults never comes back above them, whatever happens to its stored configuration.</summary>
public class ConfigFailSafeTests
{
    private static PileHarness Commissioned16A() =>
        new PileHarness().At(0, "config pile.ratedCurrentA=16").At(1_000, "reboot").At(2_000, "plug 32A").RunTo(3_000);

    private static IEnumerable<string> Warnings(PileHarness pile, long fromMs) =>
        pile.Of(EventKind.ConfigWarning).Where(e => e.TimeMs >= fromMs).Select(e => e.Text!);

    [Fact]
    public void ADamagedNewestCopyFallsBackToTheOtherCopyWithAWarning()
    {
        var pile = Commissioned16A();
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        pile.At(4_000, "storage damage config").At(5_000, "reboot").RunTo(6_000);
        Assert.Equal(new[] { "config copy b is damaged: copy a (generation 1) is used" }, Warnings(pile, 5_000));
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        Assert.Equal(ConnectorStatus.SuspendedEV, pile.Pile.Status);
    }

    [Fact]
    public void NoIntactCopyMakesThePileUnavailableWithALatchedFaultUntilAValidConfigurationIsWritten()
    {
        var pile = Commissioned16A().At(4_000, "storage damage config all").At(5_000, "reboot").RunTo(6_000);
        Assert.Contains(Warnings(pile, 5_000), w => w.Contains("no intact copy"));
        Assert.Equal(ConnectorStatus.Unavailable, pile.Pile.Status);
        Assert.Equal(ErrorCode.InternalError, pile.Pile.Error);
        Assert.Equal(0, pile.Pile.AdvertisedMa);
        var fault = pile.Faults(Fault.ConfigDamaged).Last();
        Assert.True(fault.Flag && fault.Flag2, "raised and latched");
        Assert.Equal("config-damaged", FaultPolicies.DetailOf(Fault.ConfigDamaged));

        pile.At(7_000, "faults clear").At(7_100, "authorize T1").At(7_200, "ev ready").RunTo(10_000);
        Assert.False(pile.Board.Contactor.Commanded);
        Assert.Equal(ConnectorStatus.Unavailable, pile.Pile.Status);
        Assert.NotNull(pile.Commands("authorize").Last().Text2);

        pile.At(11_000, "config pile.ratedCurrentA=16").At(12_000, "reboot").RunTo(13_000);
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ConfigDamaged));
        Assert.False(pile.Faults(Fault.ConfigDamaged).Last().Flag, "the fault is cleared, on record");
        Assert.Equal(16_000, pile.Pile.AdvertisedMa);
        pile.RunTo(20_000);
        Assert.True(pile.Board.Contactor.Commanded, "charges again");
        pile.At(21_000, "power cut").At(22_000, "power restore").RunTo(23_000);
        Assert.False(pile.Pile.Faults.IsRaised(Fault.ConfigDamaged), "a cleared fault stays cleared across boots");
    }

    [Fact]
    public void TheFaultSurvivesPowerCyclesWhileTheConfigurationStaysDamaged()
    {
        var pile = Commissioned16A().At(4_000, "storage damage config all").At(5_000, "power cut").At(6_000, "power restore")
            .At(7_000, "power cut").At(8_000, "power restore").RunTo(9_000);
        Assert.Equal(ConnectorStatus.Unavailable, pile.Pile.Status);
        Assert.True(pile.Pile.Faults.IsLatched(Fault.ConfigDamaged));
    }

    [Fact]
    public void DamagingAConfigurationThatWasNeverStoredIsRefused()
    {
        var pile = new PileHarness();
        Assert.Throws<ArgumentException>(() => pile.At(1_000, "storage damage config"));
        Assert.Throws<ArgumentException>(() => pile.At(1_000, "storage damage config all"));
    }
}
