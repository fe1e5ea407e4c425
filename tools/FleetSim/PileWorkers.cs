namespace ChargeController.FleetSim;

/// <summary>
/// The fleet's piles split over worker threads, for the work of one slice of virtual time: piles share nothing but the
/// broker (each has its own board, flash, runtime and connection), so each worker runs its own share of them, pile
/// after pile, and the slice ends when every worker is done. Threads of their own, not the thread pool: a pile's link
/// waits for its broker's acknowledgements (<c>RelayedBrokerLink.Step</c>), which MQTTnet delivers on the pool. One
/// thread: the work runs on the caller's thread, no worker started.
/// </summary>
internal sealed class PileWorkers : IDisposable
{
    private readonly IReadOnlyList<FleetPile> _piles;
    private readonly Thread[] _threads;
    private readonly Barrier _start;
    private readonly Barrier _done;
    private Action<FleetPile> _work = _ => { };
    private Exception? _failure;
    private volatile bool _stopping;

    public PileWorkers(IReadOnlyList<FleetPile> piles, int threads)
    {
        _piles = piles;
        var count = Math.Clamp(threads, 1, Math.Max(1, piles.Count));
        _threads = count == 1 ? Array.Empty<Thread>()
            : Enumerable.Range(0, count).Select(i => new Thread(() => Work(i, count)) { IsBackground = true, Name = $"fleet-{i}" }).ToArray();
        _start = new Barrier(_threads.Length + 1);
        _done = new Barrier(_threads.Length + 1);
        foreach (var thread in _threads)
            thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on every pile, each on one thread; returns when all are done.</summary>
    public void ForEach(Action<FleetPile> work)
    {
        if (_threads.Length == 0)
        {
            foreach (var pile in _piles)
                work(pile);
            return;
        }
        _work = work;
        _start.SignalAndWait();
        _done.SignalAndWait();
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
            throw new AggregateException("a pile failed on a fleet worker", failure);
    }

    private void Work(int first, int step)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
                return;
            try
            {
                for (var i = first; i < _piles.Count; i += step)
                    _work(_piles[i]);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            _done.SignalAndWait();
        }
    }

    public void Dispose()
    {
        if (_threads.Length > 0)
        {
            _stopping = true;
            _start.SignalAndWait();
            foreach (var thread in _threads)
                thread.Join();
        }
        _start.Dispose();
        _done.Dispose();
    }
}
