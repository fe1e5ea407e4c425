using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Link;

/// <summary>What the link tests share: a simulated pile on virtual time whose broker is tapped, its steps, its events.</summary>
public static class LinkRun
{
    /// <summary>The default keepalive: how long after a cut the simulated pile notices it (the broker after one and a half).</summary>
    public static readonly long KeepAliveMs = ConfigKeys.KeepAliveS.Default * 1000L;

    /// <param name="before">sets up the simulated board or link before the first boot (a refusing broker, a clock)</param>
    public static (SimulatedPile Sim, RecordingWriter Trace, BrokerLog Broker) Start(PileConfig? config = null, Action<SimulatedPile>? before = null)
    {
        var trace = new RecordingWriter();
        var sim = new SimulatedPile(config ?? new PileConfig(), trace);
        var broker = new BrokerLog();
        sim.Link.Broker.Tap = broker;
        before?.Invoke(sim);
        sim.Start();
        return (sim, trace, broker);
    }

    /// <summary>A scenario verb at <paramref name="atMs"/>, which must take effect.</summary>
    public static void Do(SimulatedPile sim, long atMs, string command)
    {
        sim.AdvanceTo(atMs - 1);
        Assert.Null(sim.Apply(ScenarioParser.ParseCommand(command, atMs, out _)!));
    }

    /// <summary>The events the outbox owes the platform, from the trace: boots, faults, config changes, session starts and ends.</summary>
    public static int PlatformEvents(RecordingWriter trace) => trace.Events.Count(e =>
        e.Kind == EventKind.Boot || e.Kind == EventKind.Fault || e.Kind == EventKind.ConfigChange ||
        (e.Kind == EventKind.Session && e.Code != EventRing.SessionCheckpoint));
}
