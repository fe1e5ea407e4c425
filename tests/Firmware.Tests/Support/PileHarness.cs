using ChargeController.Firmware;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Sim.Board;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;

namespace ChargeController.Tests.Support;

/// <summary>A simulated pile on virtual time, driven with scenario verbs, recording every event.</summary>
public sealed class PileHarness
{
    public PileHarness(params string[] settings) : this(null, settings)
    {
    }

    /// <param name="flash">writes what the pile finds on its flash at its first boot (a journal an earlier run left)</param>
    public PileHarness(Action<SimFileStore>? flash, params string[] settings)
    {
        var config = new PileConfig();
        foreach (var setting in settings)
        {
            var error = config.SetAssignment(setting);
            if (error != null)
                throw new ArgumentException(error);
        }
        Sim = new SimulatedPile(config, Recorder);
        flash?.Invoke(Sim.Store);
        Sim.Start();
    }

    public RecordingWriter Recorder { get; } = new();
    public SimulatedPile Sim { get; }
    public Pile Pile => Sim.Pile;
    public SimBoard Board => Sim.Board;
    public long NowMs => Sim.NowMs;

    /// <summary>The board after every tick so far.</summary>
    public List<BoardSnapshot> Snapshots { get; } = new();

    /// <summary>Runs to <paramref name="timeMs"/> and then does <paramref name="command"/> (a scenario verb, no time).</summary>
    public PileHarness At(long timeMs, string command)
    {
        var refusal = TryAt(timeMs, command);
        if (refusal != null)
            throw new ArgumentException(refusal);
        return this;
    }

    /// <returns>null when the command applied, else why the pile refused it (a vehicle verb with nothing plugged in)</returns>
    public string? TryAt(long timeMs, string command)
    {
        RunTo(timeMs - 1);
        var step = ScenarioParser.ParseCommand(command, timeMs, out var error) ?? throw new ArgumentException(error);
        return Sim.Apply(step);
    }

    public PileHarness RunTo(long timeMs)
    {
        var last = Snapshots.Count == 0 ? -Pile.TickMs : Snapshots[^1].TimeMs;
        for (var next = last + Pile.TickMs; next <= timeMs; next += Pile.TickMs)
        {
            Sim.AdvanceTo(next);
            var b = Board;
            Snapshots.Add(new BoardSnapshot(next, b.Vehicle.Plugged, b.Vehicle.S2Closed, b.Vehicle.DrawMa, b.Pilot.Mode,
                b.Pilot.DutyPermille, b.Contactor.Commanded, b.Contactor.FeedbackClosed, b.Pilot.HighLevelMv, b.Pilot.LowLevelMv));
        }
        return this;
    }

    /// <summary>The first tick at or after <paramref name="fromMs"/> where <paramref name="holds"/> is true, or -1.</summary>
    public long FirstTime(Func<BoardSnapshot, bool> holds, long fromMs = 0) =>
        Snapshots.Where(s => s.TimeMs >= fromMs && holds(s)).Select(s => s.TimeMs).DefaultIfEmpty(-1).First();

    /// <summary>Plugs a 32 A cable at 0 s, makes the vehicle ready at 1 s and runs until it has charged for a while.</summary>
    public PileHarness Charging(long untilMs = 10_000)
    {
        At(0, "plug 32A").At(1000, "ev ready").RunTo(untilMs);
        if (!Pile.ContactorClosed)
            throw new InvalidOperationException("the pile is not charging: " + string.Join("\n", Recorder.Lines));
        return this;
    }

    public IEnumerable<PileEvent> Of(EventKind kind) => Recorder.Events.Where(e => e.Kind == kind);

    /// <summary>When the contactor was last commanded to <paramref name="closed"/> at or after <paramref name="fromMs"/>.</summary>
    public long ContactorAt(bool closed, long fromMs = 0) =>
        Of(EventKind.Contactor).Where(e => e.Flag == closed && e.TimeMs >= fromMs).Select(e => e.TimeMs).DefaultIfEmpty(-1).First();
}
