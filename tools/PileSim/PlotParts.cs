using ScottPlot;

namespace ChargeController.PileSim;

/// <summary>
/// The pieces PileSim's session timeline (<see cref="Timeline"/>) and FleetSim's township pictures are drawn with:
/// values held until the next change, and shaded spans of time.
/// </summary>
public static class PlotParts
{
    /// <summary>A value held until the next change, drawn on to <paramref name="endMs"/>.</summary>
    public static ScottPlot.Plottables.Scatter Steps(Plot plot, IReadOnlyList<(long Ms, double Value)> changes, long endMs, Func<long, double> x)
    {
        var points = changes.Count == 0 ? new List<(long Ms, double Value)> { (0, 0) } : changes;
        var xs = points.Select(p => x(p.Ms)).Append(x(endMs)).ToArray();
        var ys = points.Select(p => p.Value).Append(points[^1].Value).ToArray();
        var line = plot.Add.ScatterLine(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        return line;
    }

    /// <summary>A shaded band for each span (one still open since <paramref name="openSince"/> runs to <paramref name="endMs"/>), named once in the legend.</summary>
    public static void Bands(Plot plot, IReadOnlyList<(long From, long To)> spans, long openSince, long endMs, Func<long, double> x, string label, Color color)
    {
        var all = openSince >= 0 ? spans.Append((From: openSince, To: endMs)).ToList() : spans;
        for (var i = 0; i < all.Count; i++)
        {
            var band = plot.Add.HorizontalSpan(x(all[i].From), x(all[i].To));
            band.FillColor = color;
            band.LineColor = color.WithAlpha(0);
            if (i == 0)
                band.LegendText = label;
        }
    }
}
