using System.Globalization;

namespace ChargeController.FleetSim;

/// <summary>FleetSim's command line (<see cref="Usage"/>).</summary>
public sealed record FleetOptions
{
    public int? Piles { get; init; }
    /// <summary>Copies of the county (a province's worth of piles for the real-time benchmark); 1: the county.</summary>
    public int Counties { get; init; } = 1;
    public IReadOnlyCollection<string>? Townships { get; init; }
    public double Days { get; init; } = 1;
    public int Seed { get; init; } = 1;
    public bool Chaos { get; init; }
    /// <summary>Virtual seconds per real second; null: as fast as it goes.</summary>
    public double? Speed { get; init; }
    /// <summary>host:port of a broker; null: the embedded one.</summary>
    public string? Broker { get; init; }
    /// <summary>Where the piles connect when not where the ledger does (the county's TLS listener); null: --broker's.</summary>
    public string? PilesBroker { get; init; }
    /// <summary>The CA (PEM file) of the piles' TLS connections; null: plain MQTT.</summary>
    public string? TlsCa { get; init; }
    /// <summary>Piles connect straight to the broker (one socket each, no relay): links cannot be cut nor counted.</summary>
    public bool Direct { get; init; }
    /// <summary>A file of "pileId password" lines, for a broker with per-pile accounts.</summary>
    public string? Passwords { get; init; }
    /// <summary>Where the ground truth goes: each pile's events as JSON Lines.</summary>
    public string? Truth { get; init; }
    public bool Quiet { get; init; }
    /// <summary>Worker threads the piles are split over (each pile on one of them): the machine's cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>The in-process ledger's database (a SQLite file or a PostgreSQL connection string); null: --no-ledger.</summary>
    public string? Db { get; init; } = "county.db";
    /// <summary>A file that gets the run's summary too.</summary>
    public string? Summary { get; init; }
    /// <summary>Where the ledger's report of the first day goes (an HTML page).</summary>
    public string Report { get; init; } = "county-report.html";
    /// <summary>The folder that gets a picture of each township and of the county (<see cref="FleetPlots"/>); null: none.</summary>
    public string? Plot { get; init; }

    private static readonly string[] Valued =
        { "--piles", "--counties", "--townships", "--days", "--seed", "--speed", "--broker", "--piles-broker", "--tls-ca", "--passwords", "--truth", "--db", "--summary", "--report", "--threads", "--plot" };

    public long EndMs => (long)(Days * CountyClock.DayMs);

    /// <returns>the options, or null with <paramref name="problem"/> saying what is wrong</returns>
    public static FleetOptions? Parse(string[] args, out string? problem)
    {
        var options = new FleetOptions();
        problem = null;
        for (var i = 0; i < args.Length && problem == null; i++)
        {
            var name = args[i];
            if (name == "--chaos")
            {
                options = options with { Chaos = true };
                continue;
            }
            if (name is "--quiet" or "--no-ledger" or "--direct")
            {
                options = name switch
                {
                    "--quiet" => options with { Quiet = true },
                    "--direct" => options with { Direct = true },
                    _ => options with { Db = null },
                };
                continue;
            }
            if (!Valued.Contains(name))
                return Wrong(out problem, $"unknown option '{name}'");
            if (i + 1 >= args.Length)
                return Wrong(out problem, $"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--piles" when int.TryParse(value, out var n) && n >= 1 => options with { Piles = n },
                "--counties" when int.TryParse(value, out var k) && k is >= 1 and <= 1000 => options with { Counties = k },
                "--townships" when value.Split(',') is var names && names.All(t => CountyPlan.Townships.Any(k => k.Name == t)) => options with { Townships = names },
                "--days" when Positive(value, out var d) && d <= 366 => options with { Days = d },
                "--seed" when int.TryParse(value, out var s) => options with { Seed = s },
                "--speed" when Positive(value, out var v) => options with { Speed = v },
                "--speed" when value == "max" => options with { Speed = null },
                "--broker" when value.Contains(':') => options with { Broker = value },
                "--piles-broker" when value.Contains(':') => options with { PilesBroker = value },
                "--tls-ca" => options with { TlsCa = value },
                "--passwords" => options with { Passwords = value },
                "--truth" => options with { Truth = value },
                "--db" => options with { Db = value },
                "--summary" => options with { Summary = value },
                "--report" => options with { Report = value },
                "--plot" => options with { Plot = value },
                "--threads" when int.TryParse(value, out var t) && t is >= 1 and <= 256 => options with { Threads = t },
                _ => null!,
            };
            if (options == null)
                return Wrong(out problem, Explain(name, value, 1));
        }
        if (problem == null && options.Direct && options.Chaos)
            return Wrong(out problem, "--direct piles have no relay to cut their links: not with --chaos");
        if (problem == null && options.Broker == null && (options.PilesBroker != null || options.TlsCa != null))
            return Wrong(out problem, $"{(options.PilesBroker != null ? "--piles-broker" : "--tls-ca")} needs --broker: the embedded broker speaks plain MQTT on one listener");
        if (problem == null && options.Piles > CountyPlan.PublicPiles * options.Counties + CountyPlan.DedicatedPiles * options.Counties)
            return Wrong(out problem, Explain("--piles", options.Piles.ToString()!, options.Counties));
        return problem == null ? options : null;
    }

    private static string Explain(string name, string value, int counties) => name switch
    {
        "--piles" => $"--piles takes 1 to {(CountyPlan.PublicPiles + CountyPlan.DedicatedPiles) * counties} (the county's piles{(counties > 1 ? $" times --counties {counties}" : "")}), not '{value}'",
        "--counties" => $"--counties takes 1 to 1000 copies of the county, not '{value}'",
        "--townships" => $"--townships takes names of {string.Join(", ", CountyPlan.Townships.Select(t => t.Name))}, not '{value}'",
        "--days" => $"--days takes a number of days above 0 (0.25 is six hours), at most 366, not '{value}'",
        "--seed" => $"--seed takes an integer, not '{value}'",
        "--speed" => $"--speed takes virtual seconds per real second (1 is real time) or 'max', not '{value}'",
        "--broker" or "--piles-broker" => $"{name} takes host:port, not '{value}'",
        "--threads" => $"--threads takes 1 to 256 worker threads, not '{value}'",
        _ => $"unknown option '{name}'",
    };

    private static bool Positive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value);

    private static FleetOptions? Wrong(out string? problem, string text)
    {
        problem = text;
        return null;
    }
}
