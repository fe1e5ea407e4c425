using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeController.FleetSim;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>`FleetSim --plot DIR`: a picture a township and one for the county, drawing what the piles' journals hold.</summary>
public sealed class FleetPlotsTests
{
    private const int Hours = 12;

    [Fact]
    public void AFleetDrawsEachTownshipAndTheCountyFromItsJournals()
    {
        var dir = Directory.CreateTempSubdirectory("fleet-plots").FullName;
        var truth = Path.Combine(dir, "truth.jsonl");
        var run = ToolRun.Of("FleetSim", null, "--piles", "4", "--days", "0.5", "--seed", "8", "--chaos", "--no-ledger", "--quiet",
            "--plot", Path.Combine(dir, "plots"), "--truth", truth);
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);

        var events = File.ReadAllLines(truth).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var townships = events.Select(e => TownshipOf(e.GetProperty("pile").GetString()!)).Distinct().Order().ToList();
        Assert.True(townships.Count > 1, "the fleet spans townships");
        var pictures = Directory.GetFiles(Path.Combine(dir, "plots"), "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(townships.Append(TownshipHours.County).Order(), pictures);
        foreach (var name in pictures)
            Assert.Equal((FleetPlots.WidthPx, FleetPlots.HeightPx), PngSize(Path.Combine(dir, "plots", name + ".png")));

        var drawn = File.ReadAllLines(Path.Combine(dir, "plots", FleetPlots.DataFile)).Skip(1).Select(l => l.Split(','))
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.OrderBy(r => int.Parse(r[1])).ToList());
        foreach (var township in townships)
        {
            var ends = events.Where(e => TownshipOf(e.GetProperty("pile").GetString()!) == township && Is(e, "session-end")).ToList();
            var rows = drawn[township];
            Assert.Equal(Hours, rows.Count);
            for (var h = 0; h < Hours; h++)
            {
                var inHour = ends.Where(e => HourOf(e) == h).ToList();
                Assert.Equal(inHour.Count, int.Parse(rows[h][5]));
                Assert.Equal(inHour.Sum(e => e.TryGetProperty("energyWh", out var wh) ? wh.GetInt64() : 0), long.Parse(rows[h][4]));
            }
            // every second a session of the township ran is in one hour's charging piles
            var chargingS = events.Where(e => TownshipOf(e.GetProperty("pile").GetString()!) == township && Is(e, "session-start"))
                .Sum(s => (ends.Where(e => e.GetProperty("session").GetString() == s.GetProperty("session").GetString()).Select(SecondOf)
                    .DefaultIfEmpty(Hours * 3600).First() - SecondOf(s)));
            Assert.Equal(chargingS / 3600.0, rows.Sum(r => double.Parse(r[2], CultureInfo.InvariantCulture)), 2);
            Assert.Equal(events.Count(e => TownshipOf(e.GetProperty("pile").GetString()!) == township && Is(e, "fault-raised")), rows.Sum(r => int.Parse(r[6])));
        }
        var county = drawn[TownshipHours.County];
        for (var column = 2; column < 8; column++)
            for (var h = 0; h < Hours; h++)
                Assert.Equal(townships.Sum(t => double.Parse(drawn[t][h][column], CultureInfo.InvariantCulture)), double.Parse(county[h][column], CultureInfo.InvariantCulture), 0.001); // hours.csv rounds each figure

        // the relays counted every pile's connections
        var wire = Regex.Match(run.Output, @"on the wire \(plain MQTT, [^)]*\): ([\d.]+) KB a pile-day");
        Assert.True(wire.Success && double.Parse(wire.Groups[1].Value, CultureInfo.InvariantCulture) > 1, run.Output);
        // the county's numbers are the summary's
        var summary = Regex.Match(run.Output, @"piles' journals: (\d+) sessions, ([\d.]+) kWh");
        Assert.True(summary.Success, run.Output);
        Assert.True(int.Parse(summary.Groups[1].Value) > 0, "the span has sessions");
        Assert.Equal(int.Parse(summary.Groups[1].Value), county.Sum(r => int.Parse(r[5])));
        Assert.Equal(double.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture), county.Sum(r => long.Parse(r[4])) / 1000.0, 1);
        // this seed's chaos silences a meter: the fault is drawn in the hour it was raised
        Assert.True(county.Sum(r => int.Parse(r[6])) > 0, "the span has a fault raised");
        // a broker outage drops every pile's link and holds it down for minutes
        var outages = int.Parse(Regex.Match(run.Output, @"chaos \((\d+) broker outages\)").Groups[1].Value);
        Assert.True(outages > 0, run.Output);
        Assert.True(county.Sum(r => int.Parse(r[7])) >= outages * 4, string.Join('\n', county.Select(r => string.Join(',', r))));
        Assert.True(county.Sum(r => double.Parse(r[3], CultureInfo.InvariantCulture)) >= outages * 4 / 60.0, "at least a minute offline a pile an outage");
        Directory.Delete(dir, true);
    }

    private static bool Is(JsonElement e, string name) => e.GetProperty("event").GetString() == name;

    /// <summary>xinguan-017, laoying-fleet-004: the township is the id's first word.</summary>
    private static string TownshipOf(string pile) => pile[..pile.IndexOf('-')];

    private static long SecondOf(JsonElement e) => e.GetProperty("time").GetDateTimeOffset().ToUnixTimeSeconds() - CountyClock.FirstDayUnixS;

    private static int HourOf(JsonElement e) => (int)(SecondOf(e) / 3600);

    /// <summary>The width and height of a PNG, after checking its signature and that its first chunk is the header.</summary>
    private static (int, int) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
