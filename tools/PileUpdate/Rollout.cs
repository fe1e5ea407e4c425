using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChargeController.Tools;
using ChargeController.UpdateServer;

namespace ChargeController.PileUpdate;

/// <summary>
/// `rollout`: the package to the canaries, then wave after wave (<see cref="RolloutPlan"/>), serving the chunks itself.
/// A wave ends when each of its piles confirmed or failed (rejected, rolled back, refused the command, no answer within
/// the command's ttlS, or not done within --wave-timeout-min). It stops by itself when a canary fails or the failures
/// pass --stop-after of the piles offered so far: no further wave starts, and the package is withdrawn (the piles still
/// downloading get not-found and stay on their version). Exit 0 when every pile confirmed, else 1.
/// </summary>
internal static partial class Rollout
{
    private const int DrainMs = 60_000;
    private const int AnswerGraceMs = 10_000;

    public static int Run(CommandLine cli, Options options)
    {
        if (options.Unknown(PlatformClient.OptionNames.Concat(new[] { "--package", "--canary", "--waves", "--piles", "--stop-after",
                "--ttl-s", "--wave-timeout-min", "--window" }).ToArray()) is { } unknown)
            return cli.Usage(unknown);
        if ((PlatformClient.UsageProblem(options) ?? (options.Value("--package") == null ? "rollout needs --package <dir>" : null)) is { } problem)
            return cli.Usage(problem);
        if (options.Operands.Count > 0)
            return cli.Usage($"rollout takes no operands ({options.Operands[0]}): the package is --package <dir>");
        var stopText = options.Value("--stop-after") ?? "";
        if (!stopText.EndsWith('%') || !int.TryParse(stopText[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var stopAfterPercent) ||
            stopAfterPercent > 100)
            return cli.Usage("rollout needs --stop-after N% (0 to 100: the share of failed piles that stops it)");
        if (!Number(options, "--ttl-s", 3600, 10, 86_400, out var ttlS) || !Number(options, "--wave-timeout-min", 240, 1, 10_080, out var waveMin))
            return cli.Usage("--ttl-s is 10 to 86400 seconds, --wave-timeout-min 1 to 10080 minutes");
        var window = "";
        if (options.Value("--window") is { } windowText)
        {
            var match = WindowPattern().Match(windowText);
            if (!match.Success || match.Groups[1].Value == match.Groups[2].Value)
                return cli.Usage("--window is HH:MM-HH:MM, local time by the piles' opening hours' offset (01:00-05:00; across midnight 22:00-04:00)");
            window = $",\"windowStart\":\"{match.Groups[1].Value}\",\"windowEnd\":\"{match.Groups[2].Value}\"";
        }
        var plan = RolloutPlan.From(options, out var planProblem, out var failure);
        if (plan == null)
            return planProblem != null ? cli.Usage(planProblem) : cli.Fail(failure!);

        PlatformClient? client = null;
        var server = new PackageServer((topic, payload) => client!.Publish(topic, payload));
        if (Serve.Offer(cli, server, options.Value("--package")!) is not { } package)
            return CommandLine.Failed;
        using var connected = client = PlatformClient.Connect(options, out failure);
        if (client == null)
            return cli.Fail(failure!);
        var piles = plan.SelectMany((wave, w) => wave.Select(id => new PileRecord(id, w == 0, package.Version))).ToList();
        var run = new OnTheBroker(client, server, piles, package, window);
        client.Subscribe(PackageServer.RequestFilter, "piles/+/status", "piles/+/events", "piles/+/cmd/result");
        run.Pump(1000); // the retained statuses: the versions the piles run

        var report = new RolloutReport(piles);
        string? stopped = null;
        for (var w = 0; w < plan.Count && stopped == null; w++)
        {
            var wave = piles.Where(p => plan[w].Contains(p.Id)).ToList();
            Console.WriteLine($"PileUpdate: wave {w + 1} of {plan.Count}{(w == 0 ? " (canaries)" : "")}: {string.Join(", ", plan[w])}");
            foreach (var pile in wave)
                run.Offer(pile, ttlS);
            var waveClock = Stopwatch.StartNew();
            while (stopped == null && wave.Any(p => !p.Ended))
            {
                run.Pump(200);
                foreach (var pile in wave.Where(p => p.Unanswered && DateTime.UtcNow > p.SentAtUtc.AddSeconds(ttlS).AddMilliseconds(AnswerGraceMs)))
                    pile.End(PileRecord.NoAnswer, $"no result within the command's {ttlS} s (offline?)");
                if (waveClock.Elapsed.TotalMinutes > waveMin)
                    foreach (var pile in wave.Where(p => !p.Ended))
                        pile.End(PileRecord.TimedOut, $"{pile.State} after {waveMin} min");
                stopped = StopReason(piles, stopAfterPercent);
                report.Progress(w + 1, plan.Count);
            }
        }
        if (stopped != null)
        {
            server.Withdraw(package.Name);
            var drain = Stopwatch.StartNew();
            while (piles.Any(p => p.Offered && !p.Ended) && drain.ElapsedMilliseconds < DrainMs)
            {
                run.Pump(200);
                report.Progress(plan.Count, plan.Count);
            }
        }
        report.Finish();
        foreach (var pile in piles.Where(p => !p.Offered))
            pile.End(PileRecord.NotOffered, "the rollout stopped");
        Console.Write(RolloutReport.Table(piles, package.Version));
        var confirmed = piles.Count(p => p.State == PileRecord.Confirmed);
        if (stopped != null)
            return cli.Fail($"stopped: {stopped}; {confirmed} of {piles.Count} piles confirmed {package.Version}");
        if (confirmed < piles.Count)
            return cli.Fail($"{confirmed} of {piles.Count} piles confirmed {package.Version}");
        Console.WriteLine($"PileUpdate: every pile ({piles.Count}) confirmed {package.Version}");
        return CommandLine.Ok;
    }

    /// <summary>Why the rollout stops now, or null: a canary failed, or more than the threshold of the piles offered failed.</summary>
    public static string? StopReason(IReadOnlyList<PileRecord> piles, int stopAfterPercent)
    {
        if (piles.FirstOrDefault(p => p.Canary && p.Failed) is { } canary)
            return $"canary {canary.Id} {canary.State} ({canary.Reason})";
        var offered = piles.Count(p => p.Offered);
        var failed = piles.Count(p => p.Failed);
        return failed * 100 > stopAfterPercent * offered
            ? $"{failed} of {offered} piles offered failed, more than {stopAfterPercent} %"
            : null;
    }

    private static bool Number(Options options, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return options.Value(name) is not { } text ||
            (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    /// <summary>The rollout on the broker: commands out, chunk requests answered, what the piles say into their records.</summary>
    /// <summary>The switch window of the update command: two times of day, HH:MM.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^((?:[01][0-9]|2[0-3]):[0-5][0-9])-((?:[01][0-9]|2[0-3]):[0-5][0-9])$")]
    private static partial System.Text.RegularExpressions.Regex WindowPattern();

    /// <param name="window">the command's windowStart and windowEnd members (with their leading comma), or ""</param>
    private sealed class OnTheBroker(PlatformClient client, PackageServer server, List<PileRecord> piles, ServedPackage package, string window)
    {
        private readonly string _rolloutId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

        public void Offer(PileRecord pile, int ttlS)
        {
            if (pile.Current)
            {
                pile.AlreadyCurrent();
                return;
            }
            var id = $"update-{_rolloutId}-{pile.Id}";
            var command = $"{{\"v\":1,\"id\":\"{id}\",\"cmd\":\"update\",\"ttlS\":{ttlS},\"package\":\"{package.Name}\",\"manifestBytes\":{package.ManifestBytes}{window}}}";
            pile.Offer(id, DateTime.UtcNow);
            client.Publish($"piles/{pile.Id}/cmd", Encoding.UTF8.GetBytes(command));
        }

        /// <summary>Handles what arrives for <paramref name="ms"/>.</summary>
        public void Pump(int ms)
        {
            var until = Stopwatch.StartNew();
            while (until.ElapsedMilliseconds < ms && client.Take(Math.Max(0, ms - (int)until.ElapsedMilliseconds), out var message))
            {
                if (server.Handle(message.Topic, message.Payload))
                    continue;
                var parts = message.Topic.Split('/');
                if (parts.Length < 3 || piles.FirstOrDefault(p => p.Id == parts[1]) is not { } pile)
                    continue;
                JsonElement json;
                try
                {
                    json = JsonDocument.Parse(message.Payload).RootElement.Clone();
                }
                catch (JsonException)
                {
                    continue; // an empty retained message clears a topic; nothing else of a pile is not JSON
                }
                var what = string.Join('/', parts[2..]);
                if (what == "status")
                    pile.Status(json);
                else if (what == "cmd/result")
                    pile.Result(json);
                else if (what == "events" && json.TryGetProperty("event", out var e) && e.GetString() == "update")
                    pile.UpdateEvent(json);
            }
        }
    }
}
