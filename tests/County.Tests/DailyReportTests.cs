using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ChargeController.CountyLedger;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>
/// The daily report as a browser shows it: headless Chromium renders the page (a screenshot) and dumps the DOM it
/// built, and every number read back from it equals the database's.
/// </summary>
public sealed class DailyReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-report-").FullName;
    private readonly LedgerDb _db;
    private static readonly long Day = LedgerOptions.TimeOf("2026-12-01")!.Value;

    public DailyReportTests()
    {
        _db = LedgerDb.Open(Path.Combine(_folder, "county.db"));
        var ingest = new LedgerIngest(_db, new LedgerClock(true));
        void Store(string pile, string kind, string json) => ingest.Store($"piles/{pile}/{kind}", Encoding.UTF8.GetBytes(json));
        var sessions = new[] { ("xinguan-001", "18:10", "20:40", 17000L, "[0,2000,0,15000]", (int?)null), ("xinguan-fleet-002", "20:00", "23:30", 24000L, "[3000,5000,0,16000]", null),
            ("lougou-003", "10:05", "11:00", 6400L, "[0,0,6400,0]", 4800), ("yaotou-001", "13:00", "14:00", 7000L, null, 7000) };
        var seq = 1;
        foreach (var (pile, from, to, wh, bands, solar) in sessions)
        {
            Store(pile, "events", $$"""{"v":1,"pile":"{{pile}}","event":"session-start","boot":1,"seq":{{seq++}},"uptimeMs":1,"time":"{{Utc(from)}}","session":"1-{{seq}}","idTag":"","startWh":1000,"offline":false}""");
            Store(pile, "events", $$"""{"v":1,"pile":"{{pile}}","event":"session-end","boot":1,"seq":{{seq++}},"uptimeMs":2,"time":"{{Utc(to)}}","session":"1-{{seq - 1}}","idTag":"","reason":"EVDisconnected","startWh":1000,"stopWh":{{1000 + wh}},"energyWh":{{wh}},"offline":false,"unmetered":false{{(bands == null ? "" : ",\"bandsWh\":" + bands)}}{{(solar == null ? "" : ",\"solarWh\":" + solar)}}}""");
        }
        Store("lougou-003", "events", $$"""{"v":1,"pile":"lougou-003","event":"fault-raised","boot":1,"seq":{{seq++}},"uptimeMs":3,"time":"{{Utc("16:00")}}","code":"GroundFailure","detail":"rcd-dc","latched":true,"retries":0}""");
        Store("lougou-003", "status", $$"""{"v":1,"pile":"lougou-003","online":true,"status":"Faulted","error":"GroundFailure","faults":[{"code":"GroundFailure","detail":"rcd-dc","latched":true}],"uptimeMs":3,"time":"{{Utc("16:00")}}"}""");
    }

    [Fact]
    public void ChromiumShowsTheDaysNumbersAsTheDatabaseHasThem()
    {
        var page = Path.Combine(_folder, "report.html");
        File.WriteAllText(page, new DailyReport(_db).Html(Day));
        var screenshot = Path.Combine(_folder, "report.png");
        Chromium($"--screenshot={screenshot}", "--window-size=1200,1400", "file://" + page);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 20_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"a screenshot of the page ({png.Length} bytes)");
        var dom = Chromium("--dump-dom", "file://" + page);

        var queries = new LedgerQueries(_db);
        var period = new Period(Day, Day + 86400);
        var townships = queries.Energy("township", period);
        Assert.Equal(townships.Sum(t => t.EnergyWh), long.Parse(Attribute(dom, "p id=\"totals\"", "data-energy-wh")));
        Assert.Equal(54400, townships.Sum(t => t.EnergyWh));
        foreach (var row in townships)
        {
            var tr = $"tr data-township=\"{row.Key}\"";
            Assert.Equal(row.EnergyWh, long.Parse(Attribute(dom, tr, "data-energy-wh")));
            Assert.Equal(row.Sessions, long.Parse(Attribute(dom, tr, "data-sessions")));
        }
        foreach (var band in queries.Energy("band", period))
            Assert.Equal(band.EnergyWh, long.Parse(Attribute(dom, $"tr data-band=\"{band.Key}\"", "data-energy-wh")));
        Assert.Contains("31.0 kWh", dom); // the sharp band's bar says it too
        var solar = queries.Solar(period);
        Assert.Equal((2L, 13_400L, 11_800L), (solar.Sessions, solar.EnergyWh, solar.SolarWh));
        Assert.Equal(solar.SolarWh, long.Parse(Attribute(dom, "p id=\"solar\"", "data-solar-wh")));
        Assert.Equal(solar.EnergyWh, long.Parse(Attribute(dom, "p id=\"solar\"", "data-energy-wh")));
        Assert.Contains("11.8 kWh of the 13.4 kWh of 2 sessions", dom);
        var byHour = queries.SessionSecondsByHour(period, LedgerOptions.CountyOffsetS);
        foreach (var (township, hours) in byHour)
            for (var hour = 0; hour < 24; hour++)
                Assert.Equal(hours[hour], long.Parse(Attribute(dom, $"rect data-township=\"{township}\" data-hour=\"{hour}\"", "data-session-s")));
        Assert.Equal(1, long.Parse(Attribute(dom, "rect data-label=\"rcd-dc\"", "data-value")));
        Assert.Contains("tr data-pile=\"lougou-003\"", dom);
    }

    /// <summary>The value of <paramref name="attribute"/> in the one element whose tag starts with <paramref name="start"/>.</summary>
    private static string Attribute(string dom, string start, string attribute)
    {
        var elements = Regex.Matches(dom, "<" + Regex.Escape(start) + "[^>]*>");
        var element = Assert.Single(elements).Value;
        return Regex.Match(element, attribute + "=\"([^\"]*)\"").Groups[1].Value;
    }

    private string Chromium(params string[] args)
    {
        var chromium = RequiredProgram.Find("chromium", "chromium");
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={Path.Combine(_folder, "profile")}" }.Concat(args))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
            process.Kill(true);
        Assert.True(process.ExitCode == 0, $"chromium {string.Join(' ', args)}: {errors.Result}");
        return output.Result;
    }

    private static string Utc(string localTime) =>
        DateTimeOffset.FromUnixTimeSeconds(LedgerOptions.TimeOf("2026-12-01T" + localTime)!.Value).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, true);
    }
}
