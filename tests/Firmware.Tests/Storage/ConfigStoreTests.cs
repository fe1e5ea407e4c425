using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using ChargeController.Loader;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Storage;

public class ConfigStoreTests
{
    private const string CopyA = "config-a.txt";
    private const string CopyB = "config-b.txt";

    private static (PileConfig Config, string[] Warnings, bool Damaged) Load(SimFileStore store)
    {
        var config = new PileConfig();
        var warnings = new ConfigStore(store).Load(config, out var damaged);
        return (config, warnings, damaged);
    }

    private static void WriteRaw(SimFileStore store, string name, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        store.Replace(name, bytes, 0, bytes.Length);
    }

    private static string Signed(string body) =>
        body + "crc=" + Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(body), 0, body.Length).ToString("X8") + "\n";

    private static string Text(SimFileStore store, string name) => System.Text.Encoding.ASCII.GetString(store.DurableContent(name));

    private static SimFileStore Saved(params string[] assignments)
    {
        var store = new SimFileStore();
        var config = new PileConfig();
        foreach (var assignment in assignments)
            Assert.Null(config.SetConsistent(assignment));
        Assert.True(new ConfigStore(store).Save(config));
        return store;
    }

    [Fact]
    public void SavedValuesComeBack()
    {
        var (loaded, warnings, damaged) = Load(Saved("pile.ratedCurrentA=16", "auth.mode=platform"));
        Assert.Empty(warnings);
        Assert.False(damaged);
        Assert.Equal(16, loaded.Get(ConfigKeys.RatedCurrentA));
        Assert.Equal(1, loaded.Get(ConfigKeys.AuthMode));
        Assert.Equal(ConfigKeys.StopC.Default, loaded.Get(ConfigKeys.StopC));
    }

    [Fact]
    public void NoStoredCopyIsAPileNeverConfigured()
    {
        var (config, warnings, damaged) = Load(new SimFileStore());
        Assert.Empty(warnings);
        Assert.False(damaged);
        Assert.Equal(32, config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void BothCopiesAreReadableTextAndEachSaveGoesToTheOlderCopyFirst()
    {
        var store = Saved("pile.ratedCurrentA=16");
        Assert.StartsWith("# ChargeController config v2\ngeneration=1\npile.ratedCurrentA=16\ncrc=", Text(store, CopyA));
        Assert.StartsWith("# ChargeController config v2\ngeneration=2\npile.ratedCurrentA=16\ncrc=", Text(store, CopyB));
        var config = new PileConfig();
        config.SetConsistent("pile.ratedCurrentA=20");
        store.CutPowerAtWrite(store.Writes + Text(store, CopyA).Length + 2); // just after the first copy's move
        Assert.True(new ConfigStore(store).Save(config));
        store.RestorePower();
        Assert.StartsWith("# ChargeController config v2\ngeneration=3\npile.ratedCurrentA=20\n", Text(store, CopyA));
        Assert.StartsWith("# ChargeController config v2\ngeneration=2\npile.ratedCurrentA=16\n", Text(store, CopyB));
        Assert.Equal(20, Load(store).Config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void ADamagedNewestCopyFallsBackToTheOtherWithAWarningAndTheSameValues()
    {
        var store = Saved("pile.ratedCurrentA=16");
        store.DamageMiddle(CopyB);
        var (config, warnings, damaged) = Load(store);
        Assert.False(damaged);
        Assert.Equal(new[] { "config copy b is damaged: copy a (generation 1) is used" }, warnings);
        Assert.Equal(16, config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void NoIntactCopyIsDamagedAndNeverTheDefaults()
    {
        var store = Saved("pile.ratedCurrentA=16");
        store.DamageMiddle(CopyA);
        store.DamageMiddle(CopyB);
        var (_, warnings, damaged) = Load(store);
        Assert.True(damaged);
        Assert.Contains(warnings, w => w.Contains("copies a and b are damaged, no intact copy is left: the pile stays unavailable"));
    }

    [Fact]
    public void OneFlippedBitAnywhereInTheNewestCopyNeverLoadsOtherValues()
    {
        var reference = Saved("pile.ratedCurrentA=16", "pile.phases=3");
        var length = reference.DurableContent(CopyB).Length;
        for (var bit = 0; bit < length * 8; bit++)
        {
            var store = Saved("pile.ratedCurrentA=16", "pile.phases=3");
            var bytes = store.DurableContent(CopyB);
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            store.Replace(CopyB, bytes, 0, bytes.Length);
            var (config, _, damaged) = Load(store);
            Assert.False(damaged, $"bit {bit}");
            Assert.Equal(16, config.Get(ConfigKeys.RatedCurrentA));
            Assert.Equal(1, config.Get(ConfigKeys.Phases));
        }
    }

    [Fact]
    public void ABadOrdinaryValueKeepsItsDefaultAndNamesTheKeyAndRange()
    {
        var store = new SimFileStore();
        WriteRaw(store, CopyA, Signed("# ChargeController config v2\ngeneration=1\nauth.timeoutS=5\nauth.mode=platform\nno.such=1\n"));
        var (config, warnings, damaged) = Load(store);
        Assert.False(damaged);
        Assert.Contains(warnings, w => w.Contains("auth.timeoutS: 5 is out of range 10..3600 s; the default is kept"));
        Assert.Contains(warnings, w => w.Contains("unknown config key 'no.such'"));
        Assert.Equal(120, config.Get(ConfigKeys.AuthTimeoutS));
        Assert.Equal(1, config.Get(ConfigKeys.AuthMode));
    }

    [Fact]
    public void ABadCriticalValueIsDamagedAndKeepsTheOtherKeys()
    {
        var store = new SimFileStore();
        WriteRaw(store, CopyA, Signed("# ChargeController config v2\ngeneration=1\npile.ratedCurrentA=99\nmeter.address=7\n"));
        var (config, warnings, damaged) = Load(store);
        Assert.True(damaged);
        Assert.Contains(warnings, w => w.Contains("pile.ratedCurrentA: 99 is out of range 6..63 A; an installation-critical key"));
        Assert.Equal(7, config.Get(ConfigKeys.MeterAddress)); // a technician who writes the one bad key keeps the rest
    }

    [Fact]
    public void TheInstallationCriticalKeysAreMarked()
    {
        Assert.True(ConfigKeys.RatedCurrentA.Critical);
        Assert.True(ConfigKeys.Phases.Critical);
        Assert.True(ConfigKeys.OverVoltageV.Critical);
        Assert.True(ConfigKeys.MeterProfile.Critical);
        Assert.True(ConfigKeys.MeterAddress.Critical);
        Assert.All(ConfigKeys.CustomRegister, key => Assert.True(key.Critical));
        Assert.False(ConfigKeys.AuthTimeoutS.Critical);
        Assert.False(ConfigKeys.MeterBusyPollMs.Critical);
    }

    [Fact]
    public void ACopyFromANewerFirmwareIsNotGuessedAt()
    {
        var store = new SimFileStore();
        WriteRaw(store, CopyA, Signed("# ChargeController config v9\ngeneration=1\npile.ratedCurrentA=16\n"));
        var (_, warnings, damaged) = Load(store);
        Assert.True(damaged);
        Assert.Contains(warnings, w => w.Contains("version '9'"));
    }

    [Fact]
    public void KeysThatDoNotHoldTogetherAreRefused()
    {
        var config = new PileConfig();
        Assert.Contains("underVoltageV must be below", config.SetConsistent("supply.underVoltageV=270"));
        Assert.Equal(176, config.Get(ConfigKeys.UnderVoltageV));

        var ordinary = new SimFileStore();
        WriteRaw(ordinary, CopyA, Signed("# ChargeController config v2\ngeneration=1\nmeter.pollIdleMs=1000\nmeter.pollChargingMs=2000\npile.ratedCurrentA=16\n"));
        var (loaded, warnings, damaged) = Load(ordinary);
        Assert.False(damaged);
        Assert.Contains(warnings, w => w.Contains("pollIdleMs must not be shorter") && w.Contains("ordinary keys are back to their defaults"));
        Assert.Equal(1000, loaded.Get(ConfigKeys.MeterBusyPollMs));
        Assert.Equal(16, loaded.Get(ConfigKeys.RatedCurrentA));

        var critical = new SimFileStore();
        WriteRaw(critical, CopyA, Signed("# ChargeController config v2\ngeneration=1\nthermal.resumeC=80\n"));
        var (_, criticalWarnings, criticalDamaged) = Load(critical);
        Assert.True(criticalDamaged);
        Assert.Contains(criticalWarnings, w => w.Contains("thermal levels must rise"));
    }

    [Fact]
    public void APowerCutDuringASaveLeavesTheOldConfigurationOrTheNewNeverAMix()
    {
        var reference = Saved("pile.ratedCurrentA=16");
        var writesBefore = reference.Writes;
        var changed = new PileConfig();
        changed.SetConsistent("pile.ratedCurrentA=20");
        changed.SetConsistent("auth.mode=platform");
        new ConfigStore(reference).Save(changed);
        var tried = 0;
        for (var cut = writesBefore + 1; cut <= reference.Writes; cut++, tried++)
        {
            var store = Saved("pile.ratedCurrentA=16");
            store.CutPowerAtWrite(cut);
            var stored = new ConfigStore(store).Save(changed);
            store.RestorePower();
            var (loaded, warnings, damaged) = Load(store);
            Assert.Empty(warnings);
            Assert.False(damaged);
            var pair = (loaded.Get(ConfigKeys.RatedCurrentA), loaded.Get(ConfigKeys.AuthMode));
            Assert.True(pair == (stored ? (20, 1) : (16, 0)), $"config {pair} after a cut at write {cut} (save said {stored})");
        }
        Assert.True(tried > 100);
    }
}
