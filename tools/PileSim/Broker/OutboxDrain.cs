using System.Diagnostics;
using ChargeController.Firmware;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// The end of `run` on a real broker: the scenario's virtual time is over, but records the pile journaled may still be
/// on their way. The pile goes on in real time (its ticks every 10 ms, as interactively) while its network path is up
/// and records wait, for at most <see cref="LimitMs"/>; the trace then ends with how many were left.
/// </summary>
public static class OutboxDrain
{
    public const int LimitMs = 10_000;

    /// <returns>the records still waiting</returns>
    public static int Wait(SimulatedPile pile, IOutboxBacklog outbox, int limitMs = LimitMs)
    {
        var waited = Stopwatch.StartNew();
        var fromMs = pile.NowMs;
        while (outbox.Records > 0 && pile.Network.NetworkUp && waited.ElapsedMilliseconds < limitMs)
        {
            Thread.Sleep(Pile.TickMs);
            pile.AdvanceTo(fromMs + waited.ElapsedMilliseconds);
        }
        return outbox.Records;
    }

    /// <summary>The trace's last line: {"t":..,"ev":"end","outbox":N}.</summary>
    public static string EndLine(long timeMs, int recordsLeft) => $"{{\"t\":{timeMs},\"ev\":\"end\",\"outbox\":{recordsLeft}}}";
}
