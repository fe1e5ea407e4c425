using System.Text.Json;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ScottPlot;

namespace ChargeController.PileSim;

/// <summary>
/// `PileSim run --plot file.png`: a session timeline a technician or reviewer reads at a glance. Current on the left
/// axis (what the pilot advertised, what the vehicle drew through the socket, sampled every second), the pilot state
/// A-F on the right, green bands while the contactor is closed, red bands while the pile knew its platform link down
/// (from the moment it noticed), and an orange band named by its code from each fault's raising to its clearing.
/// Built from the run's trace lines as they pass (it forwards them), drawn with ScottPlot.
/// </summary>
public sealed class Timeline(ITraceSink inner) : ITraceSink, IRunSampler
{
    public const int SampleMs = 1000;
    public const string AdvertisedLabel = "advertised current (A)";
    public const string DrawnLabel = "drawn current (A)";
    public const string PilotLabel = "pilot state (right axis)";
    public const string ContactorLabel = "contactor closed";
    public const string LinkDownLabel = "platform link down";
    public const string FaultLabel = "fault (raised until cleared)";
    private static readonly string[] PilotStates = { "A", "B", "C", "D", "E", "F" };

    private readonly List<(long Ms, double Amps)> _advertised = new() { (0, 0) };
    private readonly List<(long Ms, double Amps)> _drawn = new() { (0, 0) };
    private readonly List<(long Ms, int State)> _pilot = new();
    private readonly List<(long From, long To)> _contactor = new();
    private readonly List<(long From, long To)> _linkDown = new();
    private readonly List<(long From, long To, string Code)> _faults = new();
    private readonly Dictionary<string, long> _raised = new();
    private long _contactorSince = -1;
    private long _linkDownSince = -1;
    private long _lastMs;

    public int PeriodMs => SampleMs;

    public void Sample(SimulatedPile pile)
    {
        if (_drawn[^1].Ms == pile.NowMs)
            _drawn.RemoveAt(_drawn.Count - 1); // the same time again: its latest look wins
        _drawn.Add((pile.NowMs, pile.Board.SocketCurrentMa / 1000.0));
        _lastMs = Math.Max(_lastMs, pile.NowMs);
    }

    public void WriteLine(string line)
    {
        inner.WriteLine(line);
        var e = JsonDocument.Parse(line).RootElement;
        if (!e.TryGetProperty("t", out var t) || !e.TryGetProperty("ev", out var ev))
            return;
        var ms = t.GetInt64();
        _lastMs = Math.Max(_lastMs, ms);
        switch (ev.GetString())
        {
            case "pilot":
                _advertised.Add((ms, e.GetProperty("amps").GetDouble()));
                break;
            case "cp" when Array.IndexOf(PilotStates, e.GetProperty("state").GetString()) is var state and >= 0:
                _pilot.Add((ms, state));
                break;
            case "contactor":
                Span(_contactor, ref _contactorSince, ms, e.GetProperty("closed").GetBoolean());
                break;
            case "link":
                Span(_linkDown, ref _linkDownSince, ms, !e.GetProperty("up").GetBoolean());
                break;
            case "fault":
                var code = e.GetProperty("code").GetString() ?? "";
                if (e.GetProperty("active").GetBoolean())
                    _raised.TryAdd(code, ms);
                else if (_raised.Remove(code, out var since))
                    _faults.Add((since, ms, code));
                break;
        }
    }

    /// <summary>The timeline up to the end of the run, <paramref name="title"/> above it.</summary>
    public Plot Build(string title)
    {
        var endMs = Math.Max(_lastMs, 1);
        var minutes = endMs >= 10 * 60_000;
        double X(long ms) => minutes ? ms / 60_000.0 : ms / 1000.0;
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(minutes ? "time (min)" : "time (s)");
        plot.YLabel("current (A)");

        PlotParts.Bands(plot, _contactor, _contactorSince, endMs, X, ContactorLabel, Colors.Green.WithAlpha(0.15));
        PlotParts.Bands(plot, _linkDown, _linkDownSince, endMs, X, LinkDownLabel, Colors.Red.WithAlpha(0.18));

        var advertised = PlotParts.Steps(plot, _advertised, endMs, X);
        advertised.LegendText = AdvertisedLabel;
        advertised.Color = Colors.Blue;
        advertised.LineWidth = 2;

        var drawn = plot.Add.ScatterLine(_drawn.Select(d => X(d.Ms)).ToArray(), _drawn.Select(d => d.Amps).ToArray());
        drawn.LegendText = DrawnLabel;
        drawn.Color = Colors.DarkOrange;
        drawn.LineWidth = 2;

        var pilot = PlotParts.Steps(plot, _pilot.Select(p => (p.Ms, (double)p.State)).ToList(), endMs, X);
        pilot.LegendText = PilotLabel;
        pilot.Color = Colors.Purple;
        pilot.LinePattern = LinePattern.Dashed;
        pilot.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "pilot state";
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, PilotStates.Length).Select(i => (double)i).ToArray(), PilotStates);
        plot.Axes.SetLimitsY(-0.3, PilotStates.Length - 0.7, plot.Axes.Right);

        var top = Math.Max(6, Math.Max(_advertised.Max(a => a.Amps), _drawn.Max(d => d.Amps)) * 1.15);
        var faults = _faults.Concat(_raised.Select(r => (From: r.Value, To: endMs, Code: r.Key))).OrderBy(f => f.From).ToList();
        PlotParts.Bands(plot, faults.Select(f => (f.From, f.To)).ToList(), -1, endMs, X, FaultLabel, Colors.OrangeRed.WithAlpha(0.3));
        for (var i = 0; i < faults.Count; i++)
        {
            var name = plot.Add.Text(faults[i].Code, X(faults[i].From), top * (0.97 - 0.05 * (i % 3))); // staggered: close faults stay legible
            name.LabelFontSize = 13;
            name.LabelFontColor = Colors.DarkRed;
            name.LabelBold = true;
            name.LabelAlignment = Alignment.UpperLeft;
        }
        plot.Axes.SetLimitsY(0, top);
        plot.Axes.SetLimitsX(0, X(endMs));
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Writes the picture (1600 x 800 pixels).</summary>
    public void Save(string path, string title) => Build(title).SavePng(path, 1600, 800);

    private static void Span(List<(long From, long To)> spans, ref long since, long ms, bool on)
    {
        if (on && since < 0)
            since = ms;
        else if (!on && since >= 0)
        {
            spans.Add((since, ms));
            since = -1;
        }
    }
}
