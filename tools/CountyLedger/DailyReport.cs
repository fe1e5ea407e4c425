using System.Globalization;
using System.Net;
using System.Text;

namespace ChargeController.CountyLedger;

/// <summary>
/// The day's report as one HTML page, charts as inline SVG (nothing fetched from anywhere): utilisation by township and
/// local hour, energy by tariff band, the energy from the sites' solar export, faults raised by kind, the piles offline or faulted at its end. Every number a
/// chart shows is also in the page as text, and carries its value in a `data-*` attribute in the database's units (Wh,
/// seconds), so a check can read the page back and compare it with the database.
/// </summary>
public sealed class DailyReport(LedgerDb db)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="day">local midnight (UTC+8) of the day, in Unix seconds</param>
    public string Html(long day)
    {
        var period = new Period(day, day + 86400);
        var queries = new LedgerQueries(db);
        var townships = queries.Energy("township", period);
        var bands = queries.Energy("band", period);
        var utilisation = queries.Utilisation(period);
        var byHour = queries.SessionSecondsByHour(period, LedgerOptions.CountyOffsetS);
        var faults = db.Rows("SELECT detail, COUNT(*) FROM faults WHERE raised = 1 AND at_s >= @from AND at_s < @to GROUP BY detail ORDER BY detail",
            ("@from", period.FromS), ("@to", period.ToS)).Select(r => (Detail: (string)r[0]!, Count: LedgerQueries.Number(r[1]))).ToList();
        var html = new StringBuilder();
        var date = DateTimeOffset.FromUnixTimeSeconds(day).ToOffset(TimeSpan.FromSeconds(LedgerOptions.CountyOffsetS)).ToString("yyyy-MM-dd", Invariant);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>County charging: {date}</title>
            <style>
            body {"{"} font-family: sans-serif; margin: 2em; color: #222 {"}"}
            table {"{"} border-collapse: collapse; margin: 1em 0 {"}"} td, th {"{"} border: 1px solid #ccc; padding: 2px 8px; text-align: right {"}"}
            th:first-child, td:first-child {"{"} text-align: left {"}"} svg text {"{"} font-size: 11px {"}"}
            </style></head><body>
            <h1>County charging, {date} (UTC+8)</h1>
            <p id="totals" data-sessions="{townships.Sum(t => t.Sessions)}" data-energy-wh="{townships.Sum(t => t.EnergyWh)}">
            {townships.Sum(t => t.Sessions)} sessions settled, {Kwh(townships.Sum(t => t.EnergyWh))} kWh.</p>

            """);
        html.Append("<h2>Utilisation by township and hour</h2>\n").Append(HourChart(utilisation, byHour));
        html.Append("<table id=\"townships\"><tr><th>township</th><th>piles</th><th>sessions</th><th>kWh</th><th>utilisation</th></tr>\n");
        foreach (var u in utilisation)
        {
            var energy = townships.FirstOrDefault(t => t.Key == u.Township) ?? new EnergyRow(u.Township, 0, 0);
            html.Append($"<tr data-township=\"{Text(u.Township)}\" data-sessions=\"{energy.Sessions}\" data-energy-wh=\"{energy.EnergyWh}\" data-session-s=\"{u.SessionSeconds}\">" +
                $"<td>{Text(u.Township)}</td><td>{u.Piles}</td><td>{energy.Sessions}</td><td>{Kwh(energy.EnergyWh)}</td><td>{u.Share.ToString("P1", Invariant)}</td></tr>\n");
        }
        html.Append("</table>\n<h2>Energy by tariff band</h2>\n").Append(Bars("bands", bands.Select(b => (b.Key, b.EnergyWh, Kwh(b.EnergyWh) + " kWh")).ToList(), "#3a7"));
        html.Append("<table id=\"band-table\">");
        foreach (var b in bands)
            html.Append($"<tr data-band=\"{Text(b.Key)}\" data-energy-wh=\"{b.EnergyWh}\"><td>{Text(b.Key)}</td><td>{Kwh(b.EnergyWh)} kWh</td><td>{b.Sessions} sessions</td></tr>");
        var solar = queries.Solar(period);
        html.Append($"</table>\n<h2>Energy from the sites' solar export</h2>\n<p id=\"solar\" data-sessions=\"{solar.Sessions}\" data-energy-wh=\"{solar.EnergyWh}\" data-solar-wh=\"{solar.SolarWh}\">" +
            (solar.Sessions == 0 ? "No session reported a solar share (no pile with a site meter).</p>\n"
                : $"{Kwh(solar.SolarWh)} kWh of the {Kwh(solar.EnergyWh)} kWh of {solar.Sessions} sessions at piles with a site meter " +
                  $"({((double)solar.SolarWh / Math.Max(1, solar.EnergyWh)).ToString("P1", Invariant)}).</p>\n"));
        html.Append("<h2>Faults raised</h2>\n");
        html.Append(faults.Count == 0 ? "<p id=\"no-faults\">None.</p>\n" : Bars("faults", faults.Select(f => (f.Detail, f.Count, f.Count.ToString(Invariant))).ToList(), "#c44"));
        html.Append("<h2>Offline or faulted at the end of the day</h2>\n<table id=\"trouble\"><tr><th>pile</th><th>offline since</th><th>faulted since</th></tr>\n");
        foreach (var t in queries.Trouble().Where(t => (t.OfflineSinceS ?? t.FaultedSinceS) < period.ToS))
            html.Append($"<tr data-pile=\"{Text(t.Pile)}\"><td>{Text(t.Pile)}</td><td>{Local(t.OfflineSinceS)}</td><td>{Local(t.FaultedSinceS)} {Text(t.Faults ?? "")}</td></tr>\n");
        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>A heat map: a row per township, a cell per local hour, darker the more of the township's pile time sessions took.</summary>
    private static string HourChart(List<UtilisationRow> townships, Dictionary<string, long[]> byHour)
    {
        const int cell = 26, left = 90, top = 20;
        var svg = new StringBuilder($"<svg id=\"hours\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + 24 * cell + 10}\" height=\"{top + townships.Count * cell + 10}\">\n");
        for (var hour = 0; hour < 24; hour++)
            svg.Append($"<text x=\"{left + hour * cell + cell / 2}\" y=\"14\" text-anchor=\"middle\">{hour}</text>");
        for (var row = 0; row < townships.Count; row++)
        {
            var t = townships[row];
            var seconds = byHour.TryGetValue(t.Township, out var h) ? h : new long[24];
            svg.Append($"<text x=\"0\" y=\"{top + row * cell + 17}\">{Text(t.Township)}</text>");
            for (var hour = 0; hour < 24; hour++)
            {
                var share = seconds[hour] / (3600.0 * t.Piles);
                svg.Append($"<rect data-township=\"{Text(t.Township)}\" data-hour=\"{hour}\" data-session-s=\"{seconds[hour]}\" x=\"{left + hour * cell}\" y=\"{top + row * cell}\" " +
                    $"width=\"{cell - 2}\" height=\"{cell - 2}\" stroke=\"#ccc\" fill=\"rgb({255 - (int)(200 * share)},{255 - (int)(120 * share)},255)\"><title>{Text(t.Township)} {hour}:00 {share.ToString("P0", Invariant)}</title></rect>");
            }
            svg.Append('\n');
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Horizontal bars, each with its label and its value as text.</summary>
    private static string Bars(string id, List<(string Label, long Value, string Shown)> bars, string colour)
    {
        const int height = 24, left = 110, width = 400;
        var max = Math.Max(1, bars.Max(b => b.Value));
        var svg = new StringBuilder($"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 120}\" height=\"{bars.Count * height + 10}\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, shown) = bars[i];
            var length = (int)(width * value / max);
            svg.Append($"<text x=\"0\" y=\"{i * height + 16}\">{Text(label)}</text><rect data-label=\"{Text(label)}\" data-value=\"{value}\" x=\"{left}\" y=\"{i * height + 4}\" " +
                $"width=\"{length}\" height=\"{height - 6}\" fill=\"{colour}\"/><text x=\"{left + length + 6}\" y=\"{i * height + 16}\">{Text(shown)}</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Kwh(long wh) => (wh / 1000.0).ToString("F1", Invariant);

    private static string Local(long? unixS) => unixS is { } s
        ? DateTimeOffset.FromUnixTimeSeconds(s).ToOffset(TimeSpan.FromSeconds(LedgerOptions.CountyOffsetS)).ToString("MM-dd HH:mm", Invariant)
        : "";

    /// <summary>Text for an element or an attribute: HtmlEncode escapes quotes too.</summary>
    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
