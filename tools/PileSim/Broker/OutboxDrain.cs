using System.Diagnostics;
using ChargeController.Firmware;
using ChargeController.Firmware.Link;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// The end of `run` on a real broker: the scenario's virtual time is over, but records the pile journaled may still be
/// on their way. The pile goes on in real time (its ticks every 10 ms, as interactively) while its network path is up
/// and records wait, for at most <see cref="LimitMs"/>; then it leaves the broker as a pile that goes away on purpose
/// (<see cref="Leave"/>), and the trace ends with how many records were left.
/// </summary>
public static class OutboxDrain
{
    public const int LimitMs = 10_000;

    /// <returns>the records still waiting</returns>
    public static int Wait(SimulatedPile pile, IOutboxBacklog outbox, int limitMs = LimitMs)
    {
        RunWhile(pile, () => outbox.Records > 0 && pile.Network.NetworkUp, limitMs);
        return outbox.Records;
    }

    /// <summary>
    /// The retained offline status, acknowledged by the broker, then a clean disconnect (the broker sends no will for it),
    /// as PileSim's quit does: a platform that looks later finds the pile offline, not its last online status.
    /// </summary>
    public static void Leave(SimulatedPile pile)
    {
        pile.Runtime.LeaveLink();
        RunWhile(pile, () => !pile.Runtime.LinkLeft, LinkSupervisor.LeaveWaitMs + Pile.TickMs);
    }

    /// <summary>The trace's last line: {"t":..,"ev":"end","outbox":N}.</summary>
    public static string EndLine(long timeMs, int recordsLeft) => $"{{\"t\":{timeMs},\"ev\":\"end\",\"outbox\":{recordsLeft}}}";

    /// <summary>The pile's ticks in real time while <paramref name="condition"/> holds, at most <paramref name="limitMs"/>.</summary>
    private static void RunWhile(SimulatedPile pile, Func<bool> condition, int limitMs)
    {
        var waited = Stopwatch.StartNew();
        var fromMs = pile.NowMs;
        while (condition() && waited.ElapsedMilliseconds < limitMs)
        {
            Thread.Sleep(Pile.TickMs);
            pile.AdvanceTo(fromMs + waited.ElapsedMilliseconds);
        }
    }
}
