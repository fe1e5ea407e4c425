using System.Globalization;

namespace ChargeController.CountyLedger;

/// <summary>CountyLedger's options (<see cref="Usage"/>).</summary>
public sealed record LedgerOptions
{
    public const int CountyOffsetS = 8 * 3600;

    public string Db { get; init; } = "county.db";
    /// <summary>The broker, or a cluster's nodes in the order the ledger tries them.</summary>
    public IReadOnlyList<(string Host, int Port)> Brokers { get; init; } = new[] { ("127.0.0.1", 1883) };
    public string? User { get; init; }
    public string? Password { get; init; }
    public string ClientId { get; init; } = "county-ledger";
    public bool Shared { get; init; }
    public bool ClockFromMessages { get; init; }
    public long? FromS { get; init; }
    public long? ToS { get; init; }
    public string By { get; init; } = "township";
    /// <summary>The report's day (local midnight, Unix seconds); null: the day of the latest time the ledger heard of.</summary>
    public long? Day { get; init; }
    public string Out { get; init; } = "county-report.html";
    /// <summary>How many messages `bench` sends (a multiple of 4: a session's start, status, telemetry and end).</summary>
    public int Messages { get; init; } = 20_000;

    public static LedgerOptions? Parse(string[] args, out string? problem)
    {
        var options = new LedgerOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--shared")
            {
                options = options with { Shared = true };
                continue;
            }
            if (args[i] is not ("--db" or "--broker" or "--user" or "--password" or "--client-id" or "--clock" or "--from" or "--to" or "--by" or "--day" or "--out" or "--messages"))
                return Wrong(out problem, $"unknown option '{args[i]}'");
            if (i + 1 >= args.Length)
                return Wrong(out problem, $"{args[i]} needs a value");
            var (name, value) = (args[i], args[++i]);
            switch (name)
            {
                case "--db": options = options with { Db = value }; break;
                case "--user": options = options with { User = value }; break;
                case "--password": options = options with { Password = value }; break;
                case "--client-id": options = options with { ClientId = value }; break;
                case "--broker":
                    if (BrokersOf(value) is not { } brokers)
                        return Wrong(out problem, $"--broker takes host:port or a list host:port,host:port, not '{value}'");
                    options = options with { Brokers = brokers };
                    break;
                case "--clock" when value is "wall" or "messages": options = options with { ClockFromMessages = value == "messages" }; break;
                case "--clock": return Wrong(out problem, $"--clock takes wall or messages, not '{value}'");
                case "--by" when value is "pile" or "township" or "band": options = options with { By = value }; break;
                case "--by": return Wrong(out problem, $"--by takes pile, township or band, not '{value}'");
                case "--out": options = options with { Out = value }; break;
                case "--messages" when int.TryParse(value, out var n) && n >= 4 && n % 4 == 0: options = options with { Messages = n }; break;
                case "--messages": return Wrong(out problem, $"--messages takes a positive multiple of 4, not '{value}'");
                case "--day" when TimeOf(value) is { } day && value.Length == 10: options = options with { Day = day }; break;
                case "--day": return Wrong(out problem, $"--day takes a date such as 2026-12-01, not '{value}'");
                default:
                    if (TimeOf(value) is not { } at)
                        return Wrong(out problem, $"{name} takes a date or time such as 2026-12-01 or 2026-12-01T18:00, not '{value}'");
                    options = name == "--from" ? options with { FromS = at } : options with { ToS = at };
                    break;
            }
        }
        problem = null;
        return options;
    }

    /// <summary>host:port[,host:port...]; null when any is not one.</summary>
    public static IReadOnlyList<(string Host, int Port)>? BrokersOf(string list)
    {
        var brokers = new List<(string, int)>();
        foreach (var address in list.Split(','))
        {
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535)
                return null;
            brokers.Add((address[..colon], port));
        }
        return brokers;
    }

    /// <summary>Local midnight (UTC+8) of the day that holds <paramref name="unixS"/>.</summary>
    public static long DayOf(long unixS) => (unixS + CountyOffsetS) / 86400 * 86400 - CountyOffsetS;

    /// <summary>A date or local time (UTC+8 unless an offset or Z is given) as Unix seconds.</summary>
    public static long? TimeOf(string text)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, new[] { "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mmK" }, CultureInfo.InvariantCulture, styles, out var exact) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
            return exact.ToUnixTimeSeconds();
        if (DateTime.TryParseExact(text, new[] { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss" }, CultureInfo.InvariantCulture, styles, out var local))
            return new DateTimeOffset(local, TimeSpan.FromSeconds(CountyOffsetS)).ToUnixTimeSeconds();
        return null;
    }

    private static LedgerOptions? Wrong(out string? problem, string text)
    {
        problem = text;
        return null;
    }
}
