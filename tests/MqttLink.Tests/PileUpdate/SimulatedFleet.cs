using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Loader;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.MqttLink.Tests.PileSim;

namespace ChargeController.MqttLink.Tests.PileUpdate;

/// <summary>
/// Simulated piles on the county's mosquitto, each with its own account and relayed MQTTnet link, holding the operator's
/// update-key.bin. A thread of its own runs their virtual time, faster than real time (a short real pause every 100 ms
/// of it, for the broker's answers to land): the trial of a new version takes seconds, not minutes.
/// </summary>
public sealed class SimulatedFleet : IDisposable
{
    public const string TrialMs = "10000";
    private const int StepMs = 100;
    private readonly List<RelayedBrokerLink> _links = new();
    private readonly Thread _driver;
    private volatile bool _stop;

    /// <param name="keys">which update-key.bin each pile holds, by pile id</param>
    public SimulatedFleet(Mosquitto broker, IReadOnlyDictionary<string, byte[]> keys)
    {
        foreach (var (id, key) in keys)
        {
            var config = new PileConfig();
            if (config.Set("update.trialMs", TrialMs) is { } problem)
                throw new InvalidOperationException(problem);
            var link = new RelayedBrokerLink(new[] { new BrokerEndpoint("127.0.0.1", broker.Port) }, id, Mosquitto.PasswordOf(id));
            _links.Add(link);
            var pile = new SimulatedPile(config, new NoTrace(), null, link, link, new LinkSettings { PileId = id });
            pile.Store.Replace(UpdateKey.FileName, key, 0, key.Length);
            pile.Start();
            Piles[id] = pile;
        }
        // until each pile is connected and its status (firmware 1.0.0) replaced any retained one a test before left
        while (!_links.All(l => l.IsConnected))
            Step();
        for (var i = 0; i < 10; i++)
            Step();
        _driver = new Thread(() =>
        {
            while (!_stop)
            {
                lock (Piles)
                    Step();
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        _driver.Start();
    }

    public Dictionary<string, SimulatedPile> Piles { get; } = new();

    /// <summary>Reads the piles between steps of their virtual time.</summary>
    public T Read<T>(Func<Dictionary<string, SimulatedPile>, T> look)
    {
        lock (Piles)
            return look(Piles);
    }

    private void Step()
    {
        foreach (var pile in Piles.Values)
            pile.AdvanceTo(pile.NowMs + StepMs);
    }

    public void Dispose()
    {
        _stop = true;
        _driver.Join();
        foreach (var link in _links)
            link.Dispose();
    }
}
