using ChargeController.Runtime.Health;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Health;

/// <summary>The health record on flash: it reads back as written, and a power cut at any byte of a save leaves the old record or the new.</summary>
public class HealthRecordTests
{
    private static HealthFigures Numbered(int offset)
    {
        var figures = new HealthFigures();
        for (var i = 0; i < HealthFigures.Count; i++)
            figures[i] = offset + i * 1001 - 7;
        return figures;
    }

    private static void AssertSame(HealthFigures expected, HealthFigures actual, string because)
    {
        for (var i = 0; i < HealthFigures.Count; i++)
            Assert.True(expected[i] == actual[i], $"{because}: figure {i} is {actual[i]}, not {expected[i]}");
    }

    [Fact]
    public void ARecordReadsBackAsSaved()
    {
        var store = new SimFileStore();
        var saved = Numbered(-5000);
        Assert.True(new HealthStore(store).Save(saved));
        var loaded = Numbered(99);
        Assert.True(new HealthStore(store).Load(loaded));
        AssertSame(saved, loaded, "read back");
    }

    [Fact]
    public void TheDaysJournalRecordCarriesEveryFigureButTheDay()
    {
        Assert.Equal(HealthFigures.Day, ChargeController.Firmware.Storage.Journal.HealthRecordFigures);
        Assert.Equal(HealthFigures.Count - 1, HealthFigures.Day);
    }

    [Fact]
    public void NoRecordIsAFreshPile()
    {
        var loaded = Numbered(99);
        Assert.True(new HealthStore(new SimFileStore()).Load(loaded));
        AssertSame(new HealthFigures(), loaded, "fresh");
    }

    [Fact]
    public void ARecordThatDoesNotCheckOutStartsAgainAndSaysSo()
    {
        var store = new SimFileStore();
        new HealthStore(store).Save(Numbered(1));
        store.CorruptTail(HealthStore.FileName, 3);
        var loaded = Numbered(99);
        Assert.False(new HealthStore(store).Load(loaded));
        AssertSame(new HealthFigures(), loaded, "damaged");
    }

    [Fact]
    public void ARecordWithAFlippedByteStartsAgain()
    {
        var store = new SimFileStore();
        new HealthStore(store).Save(Numbered(1));
        store.DamageMiddle(HealthStore.FileName);
        var loaded = Numbered(99);
        Assert.False(new HealthStore(store).Load(loaded));
        AssertSame(new HealthFigures(), loaded, "damaged");
    }

    [Fact]
    public void APowerCutAtEveryByteOfASaveLeavesTheOldRecordOrTheNew()
    {
        var old = Numbered(1);
        var next = Numbered(777);
        var probe = new SimFileStore();
        new HealthStore(probe).Save(old);
        var before = probe.Writes;
        new HealthStore(probe).Save(next);
        var writes = probe.Writes - before;
        Assert.True(writes >= HealthStore.Bytes, $"a save is {writes} durable writes");
        var sawOld = false;
        var sawNew = false;
        for (long cut = 1; cut <= writes + 1; cut++)
        {
            var store = new SimFileStore();
            new HealthStore(store).Save(old);
            store.CutPowerAtWrite(store.Writes + cut);
            new HealthStore(store).Save(next);
            store.CutPower();
            store.RestorePower();
            var loaded = new HealthFigures();
            Assert.True(new HealthStore(store).Load(loaded), $"cut at write {cut}: the record does not check out");
            var isNew = loaded[0] == next[0];
            AssertSame(isNew ? next : old, loaded, $"cut at write {cut}");
            sawOld |= !isNew;
            sawNew |= isNew;
        }
        Assert.True(sawOld && sawNew, "the cuts fell both before and after the save took");
    }

    [Fact]
    public void AResetClearsThePartAndItsWarningsOnly()
    {
        var figures = Numbered(10);
        figures[HealthFigures.WarningBits] = 0;
        figures.Raise(HealthWarnings.ContactorWear);
        figures.Raise(HealthWarnings.HeatRise);
        figures.ResetPart(HealthPart.Contactor);
        Assert.Equal(0, figures[HealthFigures.ContactorOpenings]);
        Assert.Equal(0, figures[HealthFigures.ContactorDelayTrendUs]);
        Assert.NotEqual(0, figures[HealthFigures.HeatTrendUkPerA2]);
        Assert.NotEqual(0, figures[HealthFigures.SupplySags]);
        Assert.False(figures.Raised(HealthWarnings.ContactorWear));
        Assert.True(figures.Raised(HealthWarnings.HeatRise));
    }
}
