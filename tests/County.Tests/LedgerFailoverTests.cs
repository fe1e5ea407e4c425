using ChargeController.CountyLedger;
using ChargeController.MqttLink;
using ChargeController.PileSim.Broker;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>The ledger given a cluster's nodes (`--broker a,b,c`): when one does not answer, it subscribes through the next.</summary>
public sealed class LedgerFailoverTests
{
    [Fact]
    public async Task ALedgerWhoseFirstBrokerIsDownSubscribesThroughTheNext()
    {
        using var broker = EmbeddedBroker.Start();
        var dead = LoopbackPort.Free(); // nothing listens there
        using var db = LedgerDb.Open(Path.Combine(Directory.CreateTempSubdirectory("cc-ledger-").FullName, "county.db"));
        var listener = new LedgerListener(new LedgerSource(new[] { ("127.0.0.1", dead), (EmbeddedBroker.Host, broker.Port) }, "county-ledger"),
            new LedgerIngest(db, new LedgerClock(true)));
        try
        {
            Assert.True(listener.WaitConnected(20_000), $"the ledger stayed on the dead broker: {listener.Problem}");
        }
        finally
        {
            await listener.DisposeAsync();
        }
    }
}
