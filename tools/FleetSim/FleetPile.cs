using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.MqttLink;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;

namespace ChargeController.FleetSim;

/// <summary>
/// One pile of the fleet: the pile's real runtime on a simulated board (<see cref="SimulatedPile"/>) with its own MQTT
/// connection (MQTTnet, through a relay that can cut it like a lost 4G cell and counts what crossed it, or straight to
/// the broker when not relayed), the steps planned for it, and its ground truth. Its link is down while any reason holds it down: its own 4G drop or a broker outage.
/// </summary>
public sealed class FleetPile : IDisposable
{
    private readonly RelayedBrokerLink _link;
    private readonly PlannedStep[] _steps;
    private int _next;
    private int _linkDownReasons;
    private readonly List<long> _linkDrops = new();
    private readonly List<(long FromMs, long ToMs)> _offline = new();
    private long _offlineSinceMs = -1;

    /// <param name="relayed">false: straight to the broker, a socket instead of four, but its link can be neither cut nor counted</param>
    public FleetPile(PlannedPile plan, IReadOnlyList<BrokerEndpoint> brokers, string? password, IEnumerable<PlannedStep> steps, bool relayed = true)
    {
        Plan = plan;
        var config = new PileConfig();
        if (plan.Dedicated)
        {
            Set(config, "auth.mode=platform");
            Set(config, "auth.offline=fleet");
        }
        _link = new RelayedBrokerLink(brokers, null, null, severable: relayed);
        var settings = new LinkSettings { PileId = plan.Id, Username = password == null ? null : plan.Id, Password = password, Brokers = brokers.Count };
        Sim = new SimulatedPile(config, new Quiet(), null, _link, _link, settings) { WallClockAtZeroS = CountyClock.FirstDayUnixS };
        var tables = PileTables.Commands(plan).Select((line, i) => new PlannedStep(1000 + i * 1000, line));
        _steps = tables.Concat(steps).OrderBy(s => s.AtMs).ToArray(); // stable: a plan's own order stays within a millisecond
        Truth = new PileTruth(plan.Id);
    }

    public PlannedPile Plan { get; }
    public SimulatedPile Sim { get; }
    public PileTruth Truth { get; }

    /// <summary>Steps the pile could not take when they came (a plug-in while the pile had no power, ...).</summary>
    public int Refused { get; private set; }

    /// <summary>When its link went down (a 4G drop or a broker outage while it was up), in virtual time.</summary>
    public IReadOnlyList<long> LinkDropsAtMs => _linkDrops;

    /// <summary>The spans it was offline (link down or no power), the last one open until <paramref name="endMs"/>.</summary>
    public IEnumerable<(long FromMs, long ToMs)> Offline(long endMs) =>
        _offlineSinceMs < 0 ? _offline : _offline.Append((_offlineSinceMs, endMs));

    /// <summary>What its connections to the brokers carried so far, by the kernel's counters (none when not relayed).</summary>
    public TcpTraffic Traffic => _link.Traffic;

    /// <summary>Whether the pile's MQTT connection is up (to any broker of its list).</summary>
    public bool Connected => _link.IsConnected;

    public void Start() => Sim.Start();

    /// <summary>Runs the pile up to <paramref name="timeMs"/>, taking each planned step at its time.</summary>
    public void AdvanceTo(long timeMs)
    {
        while (_next < _steps.Length && _steps[_next].AtMs <= timeMs)
        {
            var step = _steps[_next++];
            Sim.AdvanceTo(step.AtMs - 1);
            Take(step);
        }
        Sim.AdvanceTo(timeMs);
    }

    /// <summary>A broker outage begins (true) or ends for this pile at <paramref name="atMs"/>.</summary>
    public void BrokerDown(bool down, long atMs)
    {
        AdvanceTo(atMs);
        LinkDown(down);
    }

    private void Take(PlannedStep step)
    {
        switch (step.Line)
        {
            case "link down": LinkDown(true); return;
            case "link up": LinkDown(false); return;
        }
        var parsed = ScenarioParser.ParseCommand(step.Line, step.AtMs, out var error)
            ?? throw new InvalidOperationException($"{Plan.Id}: planned step '{step.Line}': {error}");
        if (Sim.Apply(parsed) != null)
            Refused++;
        MarkOffline();
    }

    private void LinkDown(bool down)
    {
        var before = _linkDownReasons;
        _linkDownReasons += down ? 1 : -1;
        if ((before == 0) != (_linkDownReasons == 0))
            Sim.Network.SetNetwork(_linkDownReasons == 0);
        if (before == 0 && down)
            _linkDrops.Add(Sim.NowMs);
        MarkOffline();
    }

    /// <summary>Opens or closes an offline span when the link or the power changed (for FleetSim's pictures).</summary>
    private void MarkOffline()
    {
        var offline = _linkDownReasons > 0 || !Sim.Powered;
        if (offline && _offlineSinceMs < 0)
            _offlineSinceMs = Sim.NowMs;
        else if (!offline && _offlineSinceMs >= 0)
        {
            _offline.Add((_offlineSinceMs, Sim.NowMs));
            _offlineSinceMs = -1;
        }
    }

    private static void Set(PileConfig config, string assignment)
    {
        if (config.SetConsistent(assignment) is { } error)
            throw new InvalidOperationException(error);
    }

    public void Dispose() => _link.Dispose();

    /// <summary>A fleet prints a summary, not a trace: the pile's events go nowhere but its journal and its broker.</summary>
    private sealed class Quiet : IEventWriter
    {
        public void Write(PileEvent e)
        {
        }
    }
}
