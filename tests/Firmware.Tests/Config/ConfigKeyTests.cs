using ChargeController.Firmware.Config;
using Xunit;

namespace ChargeController.Tests.Config;

/// <summary>A key packs its numbers into few fields (nanoCLR's 12 bytes a field): each must come back as given.</summary>
public class ConfigKeyTests
{
    [Fact]
    public void ANegativeRangeAndDefaultComeBackBesideTheIndexAndTheCriticalFlag()
    {
        var key = ConfigKeys.PilotCalLowMv;
        Assert.Equal((-12000, -13000, -11000), (key.Default, key.Min, key.Max));
        Assert.True(key.Critical);
        Assert.Same(key, ConfigKeys.All[key.Index]);
        Assert.Equal("mV", key.Unit);
        Assert.Null(key.Choices);
    }

    [Fact]
    public void EveryKeyKnowsItsPlaceAndOnlyTheCriticalOnesAreMarked()
    {
        for (var i = 0; i < ConfigKeys.All.Length; i++)
            Assert.Equal(i, ConfigKeys.All[i].Index);
        Assert.False(ConfigKeys.VoltageRetries.Critical);
        Assert.Equal((-1, -1, 100), (ConfigKeys.VoltageRetries.Default, ConfigKeys.VoltageRetries.Min, ConfigKeys.VoltageRetries.Max));
        var last = ConfigKeys.All[^1];
        Assert.True(last.Critical);
        Assert.Equal((0, -6, 6), (last.Default, last.Min, last.Max));
    }

    [Fact]
    public void TheWholeIntRangeAndTheDefaultsLimitsRoundTrip()
    {
        var low = new ConfigKey("test.low", "", ConfigKey.MinDefault, int.MinValue, int.MaxValue, "lowest default");
        var high = new ConfigKey("test.high", "", ConfigKey.MaxDefault, int.MinValue, int.MaxValue, "highest default");
        Assert.Equal((ConfigKey.MinDefault, int.MinValue, int.MaxValue), (low.Default, low.Min, low.Max));
        Assert.Equal((ConfigKey.MaxDefault, int.MinValue, int.MaxValue), (high.Default, high.Min, high.Max));
        Assert.Equal(-1, new ConfigKey("test.minus", "", 0, -1, -1, "").Max);
        Assert.True(ConfigKey.MaxDefault >= 1_000_000, "defaults such as 86400 s fit with room");
        Assert.False(low.Critical);
    }

    [Fact]
    public void ADefaultThatDoesNotFitIsRefusedAtStartUp()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new ConfigKey("test.big", "", ConfigKey.MaxDefault + 1, 0, int.MaxValue, ""));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new ConfigKey("test.small", "", ConfigKey.MinDefault - 1, int.MinValue, 0, ""));
    }

    [Fact]
    public void AUnitOrChoicesShareOneField()
    {
        var ms = new string("ms".ToCharArray());
        Assert.Same(ConfigKeys.ChargeDebounceMs.Unit, new ConfigKey("test.a", ms, 1, 0, 2, "").Unit); // one shared string a unit
        Assert.Equal("kWh", new ConfigKey("test.b", "kWh", 1, 0, 2, "").Unit);
        var choice = ConfigKeys.AuthMode;
        Assert.Equal("", choice.Unit);
        Assert.Equal(new[] { "free", "platform" }, choice.Choices);
        Assert.Equal((0, 0, 1), (choice.Default, choice.Min, choice.Max));
    }
}
