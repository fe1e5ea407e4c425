using ChargeController.FleetSim;
using ChargeController.MqttLink;
using ChargeController.PileSim.Broker;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>The fleet's piles split over worker threads (`--threads`) live the same day as on one thread.</summary>
public sealed class PileWorkersTests
{
    [Fact]
    public void AFleetOnThreeThreadsRecordsWhatItRecordsOnOne()
    {
        var one = Journals(threads: 1);
        var three = Journals(threads: 3);
        Assert.True(one.Count(e => e.Contains("\"session-start\"")) > 0, "the span has sessions");
        Assert.Equal(one, three);
    }

    /// <summary>Every event of 3 piles' journals over a seeded morning (00:00-12:00), in pile order.</summary>
    private static List<string> Journals(int threads)
    {
        using var broker = EmbeddedBroker.Start();
        var options = new FleetOptions { Piles = 3, Days = 0.5, Seed = 7, Db = null, Threads = threads };
        using var fleet = new Fleet(options, new[] { new BrokerEndpoint(EmbeddedBroker.Host, broker.Port) }, _ => null);
        fleet.Run();
        return fleet.Piles.SelectMany(p => p.Truth.Events).ToList();
    }
}
