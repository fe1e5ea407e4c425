using System.Globalization;

namespace ChargeController.CountyLedger;

/// <summary>CountyLedger's options (<see cref="Usage"/>).</summary>
public sealed record LedgerOptions
{
    public const int CountyOffsetS = 8 * 3600;

    public string Db { get; init; } = "county.db";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 1883;
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
            if (args[i] is not ("--db" or "--broker" or "--user" or "--password" or "--client-id" or "--clock" or "--from" or "--to" or "--by" or "--day" or "--out"))
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
                    var colon = value.LastIndexOf(':');
                    if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 1 or > 65535)
                        return Wrong(out problem, $"--broker takes host:port, not '{value}'");
                    options = options with { Host = value[..colon], Port = port };
                    break;
                case "--clock" when value is "wall" or "messages": options = options with { ClockFromMessages = value == "messages" }; break;
                case "--clock": return Wrong(out problem, $"--clock takes wall or messages, not '{value}'");
                case "--by" when value is "pile" or "township" or "band": options = options with { By = value }; break;
                case "--by": return Wrong(out problem, $"--by takes pile, township or band, not '{value}'");
                case "--out": options = options with { Out = value }; break;
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
