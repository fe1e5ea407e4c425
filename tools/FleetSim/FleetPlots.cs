using System.Globalization;
using ChargeController.PileSim;
using ScottPlot;

namespace ChargeController.FleetSim;

/// <summary>
/// `FleetSim --plot DIR`: one picture a township (DIR/&lt;township&gt;.png) and one for the county (DIR/county.png),
/// hour by hour over the run (<see cref="TownshipHours"/>), three panels on one time axis: piles charging and piles
/// offline (on average over the hour), energy of the sessions that ended in the hour, faults raised and link drops.
/// Drawn with ScottPlot, with PileSim's plot parts; the numbers drawn go into DIR/hours.csv too.
/// </summary>
public static class FleetPlots
{
    public const int WidthPx = 1600;
    public const int HeightPx = 1200;
    public const string ChargingLabel = "piles charging (average in the hour)";
    public const string OfflineLabel = "piles offline: link down or no power (average)";
    public const string EnergyLabel = "energy of sessions ended in the hour (kWh)";
    public const string FaultsLabel = "faults raised";
    public const string DropsLabel = "link drops (4G or broker)";

    public const string DataFile = "hours.csv";

    /// <summary>Writes every township's picture and the county's into <paramref name="dir"/>, and their numbers; returns the pictures.</summary>
    public static List<string> Write(IReadOnlyList<TownshipHours> townships, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var t in townships)
        {
            var file = Path.Combine(dir, t.Name + ".png");
            Build(t).SavePng(file, WidthPx, HeightPx);
            files.Add(file);
        }
        File.WriteAllLines(Path.Combine(dir, DataFile), Rows(townships));
        return files;
    }

    /// <summary>A line for each township's hour: what its picture draws.</summary>
    private static IEnumerable<string> Rows(IReadOnlyList<TownshipHours> townships)
    {
        yield return "township,hour,charging_piles,offline_piles,energy_wh,sessions_ended,faults_raised,link_drops";
        foreach (var t in townships)
            for (var h = 0; h < t.EnergyWh.Length; h++)
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{t.Name},{h},{t.ChargingPiles[h]:F4},{t.OfflinePiles[h]:F4},{t.EnergyWh[h]},{t.Sessions[h]},{t.FaultsRaised[h]},{t.LinkDrops[h]}");
    }

    public static Multiplot Build(TownshipHours t)
    {
        var hours = t.EnergyWh.Length;
        var endMs = hours * CountyClock.HourMs;
        static double H(long ms) => ms / (double)CountyClock.HourMs;
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        var (piles, energy, trouble) = (multiplot.GetPlot(0), multiplot.GetPlot(1), multiplot.GetPlot(2));

        piles.Title($"{t.Name}: {t.Piles} pile{(t.Piles == 1 ? "" : "s")}, from 2026-12-01 00:00 (UTC+8); {t.Sessions.Sum()} sessions, " +
            $"{t.EnergyWh.Sum() / 1000.0:F1} kWh, {t.FaultsRaised.Sum()} faults, {t.LinkDrops.Sum()} link drops");
        piles.YLabel("piles");
        Hourly(piles, t.ChargingPiles, endMs, H, ChargingLabel, Colors.Green);
        Hourly(piles, t.OfflinePiles, endMs, H, OfflineLabel, Colors.Red);
        piles.Axes.SetLimitsY(0, Math.Max(1, Math.Max(t.ChargingPiles.Max(), t.OfflinePiles.Max()) * 1.2));

        energy.YLabel("kWh");
        var kWh = energy.Add.Bars(Enumerable.Range(0, hours).Select(i => i + 0.5).ToArray(), t.EnergyWh.Select(wh => wh / 1000.0).ToArray());
        kWh.LegendText = EnergyLabel;
        kWh.Color = Colors.SteelBlue;
        foreach (var bar in kWh.Bars)
            bar.Size = 0.8;
        energy.Axes.SetLimitsY(0, Math.Max(1, t.EnergyWh.Max() / 1000.0 * 1.2));

        trouble.YLabel("count");
        trouble.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        trouble.XLabel("hour of the run (local time from 00:00)");
        Counts(trouble, t.FaultsRaised, 0.3, FaultsLabel, Colors.OrangeRed);
        Counts(trouble, t.LinkDrops, 0.7, DropsLabel, Colors.Purple);
        trouble.Axes.SetLimitsY(0, Math.Max(2, Math.Max(t.FaultsRaised.Max(), t.LinkDrops.Max()) * 1.2));

        foreach (var plot in new[] { piles, energy, trouble })
        {
            plot.Axes.SetLimitsX(0, hours);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(hours <= 24 ? 1 : 24);
            plot.ShowLegend(Alignment.UpperLeft);
        }
        return multiplot;
    }

    private static void Hourly(Plot plot, double[] values, long endMs, Func<long, double> x, string label, Color color)
    {
        var line = PlotParts.Steps(plot, values.Select((v, i) => (i * CountyClock.HourMs, v)).ToList(), endMs, x);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 2;
    }

    /// <summary>Counts per hour as narrow bars at <paramref name="offset"/> within the hour, side by side with another series.</summary>
    private static void Counts(Plot plot, int[] counts, double offset, string label, Color color)
    {
        var bars = plot.Add.Bars(Enumerable.Range(0, counts.Length).Select(i => i + offset).ToArray(), counts.Select(c => (double)c).ToArray());
        bars.LegendText = label;
        bars.Color = color;
        foreach (var bar in bars.Bars)
            bar.Size = 0.35;
    }
}
