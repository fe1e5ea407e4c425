using ChargeController.CountyLedger;
using ChargeController.FleetSim;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>The county FleetSim runs by default, and the seeded day of its piles.</summary>
public sealed class CountyPlanTests
{
    [Fact]
    public void TheCountyHas220PublicPilesByTownshipAsThePlanSaysAnd150Dedicated()
    {
        var piles = CountyPlan.Piles();
        Assert.Equal(370, piles.Count);
        Assert.Equal(150, piles.Count(p => p.Dedicated));
        var publicByTownship = piles.Where(p => !p.Dedicated).GroupBy(p => p.Township).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["xinguan"] = 94, ["wanjiazhai"] = 25, ["laoniuwan"] = 30, ["laoying"] = 12,
            ["shuiquan"] = 15, ["shangyu"] = 12, ["lougou"] = 15, ["yaotou"] = 17,
        }, publicByTownship);
        Assert.Equal(piles.Count, piles.Select(p => p.Id).Distinct().Count());
        Assert.All(piles, p => Assert.Equal(p.Township, PileNames.TownshipOf(p.Id)));
        Assert.All(piles, p => Assert.Equal(p.Dedicated, PileNames.IsDedicated(p.Id)));
    }

    [Fact]
    public void ASmallRunSpreadsOverEveryTownshipPublicAndDedicated()
    {
        var sixteen = CountyPlan.Piles().Take(16).ToList();
        Assert.All(sixteen.GroupBy(p => p.Township), g => Assert.Equal(new[] { false, true }, g.Select(p => p.Dedicated).OrderBy(d => d)));
        Assert.Equal(8, sixteen.Select(p => p.Township).Distinct().Count());
        Assert.All(CountyPlan.Piles(new[] { "lougou" }), p => Assert.Equal("lougou", p.Township));
    }

    [Fact]
    public void CopiesOfTheCountyAreProvinceSizedWithIdsAndTownshipsOfTheirOwn()
    {
        var province = CountyPlan.Piles(counties: 3);
        Assert.Equal(3 * 370, province.Count);
        Assert.Equal(province.Count, province.Select(p => p.Id).Distinct().Count()); // every pile its own client id on the broker
        Assert.Equal(CountyPlan.Piles(), province.Take(370)); // the first county is the county
        Assert.Contains(province, p => p.Id == "xinguan3-fleet-066" && p.Township == "xinguan3" && p.Dedicated);
        Assert.All(province, p => Assert.Equal(p.Township, PileNames.TownshipOf(p.Id)));
        Assert.Null(FleetOptions.Parse(new[] { "--piles", "371" }, out var problem));
        Assert.Contains("1 to 370", problem);
        Assert.Equal(740, FleetOptions.Parse(new[] { "--counties", "2", "--piles", "740" }, out _)!.Piles);
    }

    [Fact]
    public void ArrivalsAreSeededAndPeakInTheEveningAtPublicPiles()
    {
        var pile = new PlannedPile("xinguan-001", "xinguan", false);
        var week = 7 * CountyClock.DayMs;
        var plugs = Arrivals.For(pile, week, new Random(5)).Where(s => s.Line.StartsWith("plug")).ToList();
        Assert.Equal(plugs, Arrivals.For(pile, week, new Random(5)).Where(s => s.Line.StartsWith("plug")));
        var evening = plugs.Count(s => CountyClock.LocalHour(s.AtMs) is >= 17 and < 21);
        var night = plugs.Count(s => CountyClock.LocalHour(s.AtMs) is >= 1 and < 5);
        Assert.True(evening > 4 * Math.Max(1, night), $"evening {evening}, night {night}");
        AlternatesPlugAndUnplug(Arrivals.For(pile, week, new Random(5)));
    }

    [Fact]
    public void AFleetVehiclePlugsInInTheEveningWithItsTagAndLeavesInTheMorning()
    {
        var pile = new PlannedPile("yaotou-fleet-002", "yaotou", true);
        var steps = Arrivals.For(pile, 3 * CountyClock.DayMs, new Random(9)).ToList();
        var fleet = steps.Where(s => s.Line.StartsWith("authorize yaotou-fleet-002-v")).ToList();
        Assert.Equal(3, fleet.Count);
        Assert.All(fleet, s => Assert.InRange(CountyClock.LocalHour(s.AtMs), 18, 23));
        Assert.All(steps.Where(s => s.Line.StartsWith("authorize card-")),
            s => Assert.InRange(CountyClock.LocalHour(s.AtMs + 1000), PileTables.OpensMin / 60, PileTables.ClosesMin / 60 - 1));
        AlternatesPlugAndUnplug(steps);
    }

    [Fact]
    public void ChaosEndsBeforeTheRunSettlesAndEveryCutIsRestored()
    {
        var endMs = 2 * CountyClock.DayMs;
        for (var seed = 0; seed < 50; seed++)
        {
            var steps = Chaos.For(endMs, new Random(seed)).OrderBy(s => s.AtMs).ToList();
            Assert.All(steps, s => Assert.True(s.AtMs <= endMs - Chaos.SettleMs));
            foreach (var (begin, end) in new[] { ("link down", "link up"), ("power cut", "power restore"), ("meter offline", "meter online") })
                Assert.Equal(steps.Count(s => s.Line == begin), steps.Count(s => s.Line == end));
            Assert.All(Chaos.BrokerOutages(endMs, new Random(seed)), o => Assert.True(o.FromMs < o.ToMs && o.ToMs <= endMs - Chaos.SettleMs));
        }
    }

    [Fact]
    public void TheTariffCoversTheDayWithTheEveningSharpestAndTheNightCheapest()
    {
        Assert.Equal(3, PileTables.BandAt(2 * 18));
        Assert.Equal(0, PileTables.BandAt(2 * 3));
        Assert.Equal(0, PileTables.BandAt(47));
        Assert.All(Enumerable.Range(0, 48), h => Assert.InRange(PileTables.BandAt(h), 0, 3));
    }

    private static void AlternatesPlugAndUnplug(IEnumerable<PlannedStep> steps)
    {
        var plugged = false;
        foreach (var step in steps.OrderBy(s => s.AtMs))
        {
            if (step.Line.StartsWith("plug"))
            {
                Assert.False(plugged, $"a second plug-in at {step.AtMs} before the first left");
                plugged = true;
            }
            else if (step.Line == "unplug")
            {
                Assert.True(plugged);
                plugged = false;
            }
        }
    }
}
