using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Storage;

public class ConfigStoreTests
{
    private static (PileConfig Config, string[] Warnings) Load(SimFileStore store)
    {
        var config = new PileConfig();
        return (config, new ConfigStore(store).Load(config));
    }

    private static void WriteRaw(SimFileStore store, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        store.Replace(ConfigStore.FileName, bytes, 0, bytes.Length);
    }

    private static string Signed(string body) =>
        body + "crc=" + Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(body), 0, body.Length).ToString("X8") + "\n";

    [Fact]
    public void SavedValuesComeBack()
    {
        var store = new SimFileStore();
        var config = new PileConfig();
        Assert.Null(config.SetConsistent("pile.ratedCurrentA=16"));
        Assert.Null(config.SetConsistent("auth.mode=platform"));
        Assert.True(new ConfigStore(store).Save(config));
        var (loaded, warnings) = Load(store);
        Assert.Empty(warnings);
        Assert.Equal(16, loaded.Get(ConfigKeys.RatedCurrentA));
        Assert.Equal(1, loaded.Get(ConfigKeys.AuthMode));
        Assert.Equal(ConfigKeys.StopC.Default, loaded.Get(ConfigKeys.StopC));
    }

    [Fact]
    public void TheFileIsReadableText()
    {
        var store = new SimFileStore();
        var config = new PileConfig();
        config.SetConsistent("pile.ratedCurrentA=16");
        new ConfigStore(store).Save(config);
        var text = System.Text.Encoding.ASCII.GetString(store.DurableContent(ConfigStore.FileName));
        Assert.StartsWith("# ChargeController config v1\npile.ratedCurrentA=16\ncrc=", text);
    }

    [Fact]
    public void ADamagedFileFallsBackToDefaultsWithAWarning()
    {
        var store = new SimFileStore();
        WriteRaw(store, Signed("# ChargeController config v1\npile.ratedCurrentA=16\n").Replace("=16", "=18"));
        var (config, warnings) = Load(store);
        Assert.Contains(warnings, w => w.Contains("damaged"));
        Assert.Equal(32, config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void ABadValueKeepsItsDefaultAndNamesTheKeyAndRange()
    {
        var store = new SimFileStore();
        WriteRaw(store, Signed("# ChargeController config v1\npile.ratedCurrentA=99\nauth.mode=platform\nno.such=1\n"));
        var (config, warnings) = Load(store);
        Assert.Contains(warnings, w => w.Contains("pile.ratedCurrentA: 99 is out of range 6..63 A"));
        Assert.Contains(warnings, w => w.Contains("unknown config key 'no.such'"));
        Assert.Equal(32, config.Get(ConfigKeys.RatedCurrentA));
        Assert.Equal(1, config.Get(ConfigKeys.AuthMode));
    }

    [Fact]
    public void AFileFromANewerFirmwareIsNotGuessedAt()
    {
        var store = new SimFileStore();
        WriteRaw(store, Signed("# ChargeController config v9\npile.ratedCurrentA=16\n"));
        var (config, warnings) = Load(store);
        Assert.Contains(warnings, w => w.Contains("version '9'"));
        Assert.Equal(32, config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void KeysThatDoNotHoldTogetherAreRefused()
    {
        var config = new PileConfig();
        Assert.Contains("underVoltageV must be below", config.SetConsistent("supply.underVoltageV=270"));
        Assert.Equal(176, config.Get(ConfigKeys.UnderVoltageV));
        var store = new SimFileStore();
        WriteRaw(store, Signed("# ChargeController config v1\nthermal.resumeC=80\n"));
        var (loaded, warnings) = Load(store);
        Assert.Contains(warnings, w => w.Contains("thermal levels must rise"));
        Assert.Equal(60, loaded.Get(ConfigKeys.ResumeC));
    }

    [Fact]
    public void APowerCutDuringASaveLeavesTheOldFileOrTheNewNeverAMix()
    {
        var reference = new SimFileStore();
        var old = new PileConfig();
        old.SetConsistent("pile.ratedCurrentA=16");
        new ConfigStore(reference).Save(old);
        var writesBefore = reference.Writes;
        var changed = new PileConfig();
        changed.CopyFrom(old);
        changed.SetConsistent("pile.ratedCurrentA=20");
        changed.SetConsistent("auth.mode=platform");
        new ConfigStore(reference).Save(changed);
        var tried = 0;
        for (var cut = writesBefore + 1; cut <= reference.Writes; cut++, tried++)
        {
            var store = new SimFileStore();
            new ConfigStore(store).Save(old);
            store.CutPowerAtWrite(cut);
            new ConfigStore(store).Save(changed);
            store.RestorePower();
            var (loaded, warnings) = Load(store);
            Assert.Empty(warnings);
            var pair = (loaded.Get(ConfigKeys.RatedCurrentA), loaded.Get(ConfigKeys.AuthMode));
            Assert.True(pair == (16, 0) || pair == (20, 1), $"mixed config {pair} after a cut at write {cut}");
        }
        Assert.True(tried > 50);
    }
}
