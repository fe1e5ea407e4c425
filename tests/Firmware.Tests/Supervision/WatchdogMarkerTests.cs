using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Supervision;

/// <summary>The boot state's watchdog marker carries the thread that died or stalled into the next boot's reason and event.</summary>
public class WatchdogMarkerTests
{
    [Theory]
    [InlineData(ThreadNames.Safety)]
    [InlineData(ThreadNames.Storage)]
    [InlineData(ThreadNames.Wifi)]
    [InlineData(null)]
    public void TheNextBootNamesTheThread(string? thread)
    {
        var store = new SimFileStore();
        BootSequence.Run(store, new PileConfig()).Keeper.MarkWatchdog(1200, thread);
        var next = BootSequence.Run(store, new PileConfig());
        Assert.Equal(BootReason.Watchdog, next.Reason);
        Assert.Equal(thread, next.WatchdogThread);
        Assert.Null(BootSequence.Run(store, new PileConfig()).WatchdogThread); // a power loss after it names none
    }

    [Fact]
    public void AMarkerWrittenBeforeThreadsWereNamedStillReadsAsAWatchdog()
    {
        var store = new SimFileStore();
        var bootStore = new BootStateStore(store);
        bootStore.Save(new BootState { BootNumber = 3, Marker = BootState.MarkerWatchdog, StalledMs = 600 });
        var next = BootSequence.Run(store, new PileConfig());
        Assert.Equal(BootReason.Watchdog, next.Reason);
        Assert.Null(next.WatchdogThread);
    }
}
