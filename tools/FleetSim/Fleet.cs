using System.Diagnostics;
using ChargeController.MqttLink;
using ChargeController.Sim.Storage;

namespace ChargeController.FleetSim;

/// <summary>
/// The fleet on virtual time: it moves in slices of <see cref="SliceMs"/>; in each, every pile runs its ticks up to the
/// slice's end (the piles split over <see cref="FleetOptions.Threads"/> worker threads, <see cref="PileWorkers"/>), taking its planned steps on time (a pile's link waits for the broker's acknowledgements
/// within its ticks, so the broker keeps up with virtual time however fast it runs). Broker outages cut every pile at
/// once. With a speed, virtual time waits for real time (speed 1: real time; 60: a minute a second); without one it
/// runs as fast as the machine allows. Each pile's journal is read every <see cref="TruthEveryMs"/> and at the end.
/// </summary>
public sealed class Fleet : IDisposable
{
    public const long SliceMs = 1000;
    public const long TruthEveryMs = 10 * 60_000L;

    private readonly IReadOnlyList<(long FromMs, long ToMs)> _outages;
    private readonly SimFileStore _scratch = new();

    /// <param name="brokers">the broker, or a cluster's nodes: every pile's list of brokers, in this order</param>
    public Fleet(FleetOptions options, IReadOnlyList<BrokerEndpoint> brokers, Func<string, string?> passwordOf)
    {
        if (options.Direct && options.Chaos)
            throw new ArgumentException("direct piles have no relay to cut their links: not with chaos", nameof(options));
        Options = options;
        var plan = CountyPlan.Piles(options.Townships, options.Counties);
        if (options.Piles is { } count)
            plan = plan.Take(count).ToList();
        var seed = new Random(options.Seed);
        _outages = options.Chaos ? Chaos.BrokerOutages(options.EndMs, seed) : Array.Empty<(long, long)>();
        Piles = plan.Select(p =>
        {
            // each pile's own seeded stream, so a pile's day does not change with the fleet's size
            var random = new Random(unchecked(options.Seed * 31 + StableHash(p.Id)));
            var steps = Arrivals.For(p, options.EndMs, random);
            if (options.Chaos)
                steps = steps.Concat(Chaos.For(options.EndMs, random));
            return new FleetPile(p, brokers, passwordOf(p.Id), steps, relayed: !options.Direct);
        }).ToList();
    }

    public FleetOptions Options { get; }
    public IReadOnlyList<FleetPile> Piles { get; }
    public IReadOnlyList<(long FromMs, long ToMs)> BrokerOutages => _outages;
    public long NowMs { get; private set; }

    /// <summary>What every pile's connections to the brokers carried so far (<see cref="FleetPile.Traffic"/>, summed).</summary>
    public TcpTraffic Traffic => Piles.Aggregate(default(TcpTraffic), (sum, pile) => sum + pile.Traffic);

    /// <summary>With a speed: how far (real milliseconds) the fleet fell behind it at worst, at the end of a slice; 0 when it kept up.</summary>
    public long MostBehindMs { get; private set; }

    /// <summary>With a speed: how far behind it the fleet was at the end of the last slice (0: it kept up in the end).</summary>
    public long BehindMs { get; private set; }

    /// <summary>Runs the whole span; <paramref name="progress"/> hears after every slice.</summary>
    public void Run(Action<Fleet>? progress = null)
    {
        foreach (var pile in Piles)
            pile.Start();
        using var workers = new PileWorkers(Piles, Options.Threads);
        var wall = Stopwatch.StartNew();
        var nextTruthMs = TruthEveryMs;
        while (NowMs < Options.EndMs)
        {
            var sliceEndMs = Math.Min(NowMs + SliceMs, Options.EndMs);
            foreach (var (fromMs, toMs) in _outages)
            {
                if (fromMs > NowMs && fromMs <= sliceEndMs)
                    workers.ForEach(p => p.BrokerDown(true, fromMs));
                if (toMs > NowMs && toMs <= sliceEndMs)
                    workers.ForEach(p => p.BrokerDown(false, toMs));
            }
            workers.ForEach(p => p.AdvanceTo(sliceEndMs));
            NowMs = sliceEndMs;
            if (NowMs >= nextTruthMs)
            {
                ReadTruth();
                nextTruthMs += TruthEveryMs;
            }
            progress?.Invoke(this);
            if (Options.Speed is { } speed)
            {
                var aheadMs = (long)(NowMs / speed) - wall.ElapsedMilliseconds;
                if (aheadMs > 0)
                    Thread.Sleep((int)aheadMs);
                else
                    MostBehindMs = Math.Max(MostBehindMs, -aheadMs);
                BehindMs = Math.Max(0, -aheadMs);
            }
        }
        ReadTruth();
    }

    /// <summary>Every pile's journal, into its truth (a pile without power is read once it has it again).</summary>
    public void ReadTruth()
    {
        foreach (var pile in Piles)
            if (pile.Sim.Powered)
                pile.Truth.Read(pile.Sim.Store, _scratch);
    }

    /// <summary>FNV-1a of the id: string.GetHashCode differs from run to run, a seed must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }

    public void Dispose()
    {
        foreach (var pile in Piles)
            pile.Dispose();
    }
}
