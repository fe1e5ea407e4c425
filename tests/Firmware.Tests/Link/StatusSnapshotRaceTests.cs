using System.Reflection;
using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Link;

/// <summary>
/// The network thread copies the control thread's status snapshot without a lock; on the device the control thread can be
/// suspended in the middle of writing it (green threads, a 20 ms quantum), and then every copy the network thread tries
/// fails. Judged by the status the simulated broker keeps.
/// </summary>
public class StatusSnapshotRaceTests
{
    private const string StatusTopic = "piles/cc-0001/status";

    [Fact]
    public void AStatusChangeSeenDuringASnapshotWriteIsPublishedOnceTheWriteIsDoneNotTheOldStatusInItsPlace()
    {
        var sim = new SimulatedPile(new PileConfig(), new RecordingWriter());
        sim.Start();
        sim.AdvanceTo(5_000);
        Assert.Equal("Available", RetainedStatus(sim));

        var version = typeof(SnapshotWords).GetField("_version", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var snapshot = typeof(StatusSnapshot).GetField("_words", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(sim.Runtime.Snapshot);
        version.SetValue(snapshot, (int)version.GetValue(snapshot)! + 1); // the control thread stopped inside a write
        sim.Apply(ScenarioParser.ParseCommand("plug 32A", 6_000, out _)!);
        sim.AdvanceTo(8_000); // the status changes meanwhile; every copy of it fails
        version.SetValue(snapshot, (int)version.GetValue(snapshot)! + 1); // the write completes
        sim.AdvanceTo(10_000);

        Assert.NotEqual("Available", RetainedStatus(sim));
        Assert.Equal(sim.Runtime.Pile.Status.ToString(), RetainedStatus(sim));
    }

    private static string RetainedStatus(SimulatedPile sim)
    {
        var message = sim.Link.Broker.RetainedOf(StatusTopic)!;
        var json = System.Text.Encoding.UTF8.GetString(message.Payload, 0, message.Count);
        return JsonDocument.Parse(json).RootElement.GetProperty("status").GetString()!;
    }
}
