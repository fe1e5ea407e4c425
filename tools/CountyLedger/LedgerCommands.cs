using ChargeController.Tools;

namespace ChargeController.CountyLedger;

/// <summary>The verbs: listen, and the answers printed as plain tables.</summary>
public static class LedgerCommands
{
    internal static int Listen(CommandLine cli, LedgerOptions o)
    {
        using var db = LedgerDb.Open(o.Db);
        var source = new LedgerSource(o.Brokers, o.ClientId, o.User, o.Password, o.Shared);
        var listener = new LedgerListener(source,
            new LedgerIngest(db, new LedgerClock(o.ClockFromMessages)));
        if (!listener.WaitConnected(10_000))
        {
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return cli.Fail($"cannot subscribe at {source.Addresses}: {listener.Problem ?? "no answer"}");
        }
        Console.WriteLine($"CountyLedger: listening at {source.Addresses} as {o.ClientId}{(o.Shared ? " (shared)" : "")} into {Describe(o.Db)}; " +
            "end with Ctrl-C or by closing standard input");
        var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        _ = Task.Run(() =>
        {
            while (Console.In.ReadLine() != null)
            {
            }
            stop.Set();
        });
        stop.Wait();
        listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"CountyLedger: {listener.Received} messages received");
        return CommandLine.Ok;
    }

    internal static int Answer(CommandLine cli, string verb, LedgerOptions o)
    {
        if (!o.Db.Contains("Host=", StringComparison.OrdinalIgnoreCase) && !File.Exists(o.Db))
            return cli.Fail($"no ledger at {o.Db} (CountyLedger listen makes one)");
        using var db = LedgerDb.Open(o.Db);
        var queries = new LedgerQueries(db);
        var period = PeriodOf(db, o);
        var output = Console.Out;
        switch (verb)
        {
            case "energy":
                output.WriteLine($"{o.By,-24} {"sessions",8} {"kWh",12}");
                foreach (var row in queries.Energy(o.By, period))
                    output.WriteLine($"{row.Key,-24} {row.Sessions,8} {Kwh(row.EnergyWh),12}");
                break;
            case "trouble":
                var now = queries.LatestS();
                output.WriteLine($"as of {LocalTime(now)}");
                foreach (var row in queries.Trouble())
                    output.WriteLine($"{row.Pile,-24} " + (row.OfflineSinceS is { } off ? $"offline for {Duration(now - off)} " : "") +
                        (row.FaultedSinceS is { } f ? $"faulted ({row.Faults}) for {Duration(now - f)}" : ""));
                break;
            case "utilisation":
                output.WriteLine($"{"township",-12} {"piles",6} {"session h",10} {"share",7}");
                foreach (var row in queries.Utilisation(period))
                    output.WriteLine($"{row.Township,-12} {row.Piles,6} {row.SessionSeconds / 3600.0,10:F1} {row.Share,7:P1}");
                break;
            case "reconcile":
                var piles = new Reconciliation(db).Run(period);
                foreach (var gap in piles.SelectMany(p => p.Gaps))
                    output.WriteLine($"{gap.Pile,-24} {gap.Wh,8} Wh {gap.Where}: {gap.Explanation ?? "UNEXPLAINED"}");
                output.WriteLine($"{piles.Count} piles: metered {Kwh(piles.Sum(p => p.MeteredWh))} kWh, sessions {Kwh(piles.Sum(p => p.SessionsWh))} kWh, " +
                    $"{piles.Sum(p => p.Gaps.Count(g => g.Explained))} explained gaps ({piles.Sum(p => p.Gaps.Where(g => g.Explained).Sum(g => g.Wh))} Wh), " +
                    $"unexplained {piles.Sum(p => p.UnexplainedWh)} Wh");
                break;
            case "report":
                var day = o.Day ?? LedgerOptions.DayOf(queries.LatestS());
                File.WriteAllText(o.Out, new DailyReport(db).Html(day));
                output.WriteLine($"the report of {LocalTime(day)[..10]} is in {Path.GetFullPath(o.Out)}");
                break;
            default:
                foreach (var (name, value) in queries.Counters().OrderBy(c => c.Key))
                    output.WriteLine($"{name,-12} {value,10}");
                break;
        }
        return CommandLine.Ok;
    }

    /// <summary>--from/--to, each defaulting to the ends of what the ledger holds.</summary>
    public static Period PeriodOf(LedgerDb db, LedgerOptions o)
    {
        var first = LedgerQueries.NullableNumber(db.Scalar("SELECT MIN(at_s) FROM events")) ?? 0;
        return new Period(o.FromS ?? first, o.ToS ?? new LedgerQueries(db).LatestS() + 1);
    }

    private static string Describe(string db) => db.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : db;

    private static string Kwh(long wh) => (wh / 1000.0).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    internal static string LocalTime(long unixS) => DateTimeOffset.FromUnixTimeSeconds(unixS).ToOffset(TimeSpan.FromSeconds(LedgerOptions.CountyOffsetS)).ToString("yyyy-MM-dd HH:mm:ss zzz");

    private static string Duration(long seconds) => $"{seconds / 3600} h {seconds % 3600 / 60:00} min";
}
