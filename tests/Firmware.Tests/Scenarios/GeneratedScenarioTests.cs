using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeController.Runtime.Console;
using ChargeController.Loader;
using ChargeController.PileSim.Generator;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// `PileSim generate`'s random scenarios: the same seed writes the same text; together they use every verb, every
/// platform command of docs/mqtt-api.md and every console command (judged from the parsed lines, not from what the
/// generator meant to write); each runs to its end without a refusal, and the pile's answers show the mistakes it was
/// sent (malformed, unknown, replayed, expired commands; wrong PINs).
/// </summary>
public class GeneratedScenarioTests
{
    private const int CoverageSeeds = 200;
    private const int RunSeeds = 25;

    private static ScenarioStep[] Steps(int seed)
    {
        var parse = ScenarioParser.Parse(ScenarioGenerator.Text(seed));
        Assert.True(parse.Succeeded, $"seed {seed}: {parse.Error}");
        return parse.Steps;
    }

    private static IEnumerable<ScenarioStep> AllSteps() => Enumerable.Range(1, CoverageSeeds).SelectMany(Steps);

    [Fact]
    public void TheSameSeedWritesTheSameText()
    {
        Assert.Equal(ScenarioGenerator.Text(7), ScenarioGenerator.Text(7));
        Assert.NotEqual(ScenarioGenerator.Text(7), ScenarioGenerator.Text(8));
    }

    [Fact]
    public void EachStartsWithTheCommandThatWritesItAgainAndStaysWithinTwentyMinutes()
    {
        foreach (var seed in new[] { 0, 1, 99, int.MaxValue })
        {
            var text = ScenarioGenerator.Text(seed);
            Assert.StartsWith($"# random scenario, seed {seed}: written by `PileSim generate --seed {seed} --count 1 --out DIR`\n", text);
            var last = Steps(seed)[^1];
            Assert.Equal(ScenarioVerb.End, last.Verb);
            Assert.InRange(last.TimeMs, 30_000, ScenarioGenerator.MaxDurationMs);
        }
    }

    [Fact]
    public void TogetherTheyUseEveryVerb()
    {
        var used = AllSteps().Select(s => s.Verb).ToHashSet();
        // the update verbs name files on the host (UpdateScenarioTests runs them); a cut at a byte would leave the
        // generator's model of the power unsure of when it went
        used.UnionWith(new[] { ScenarioVerb.UpdateKey, ScenarioVerb.UpdateOffer, ScenarioVerb.PowerCutAfter });
        NoneMissing("verbs", Enum.GetValues<ScenarioVerb>().Where(v => !used.Contains(v)));
    }

    [Fact]
    public void TogetherTheySendEveryPlatformCommandAndItsMistakes()
    {
        var payloads = AllSteps().Where(s => s.Verb == ScenarioVerb.Cmd).Select(s => s.Text).ToList();
        var objects = payloads.Select(TryParseObject).Where(o => o != null).Select(o => o!.Value).ToList();
        var names = objects.Where(o => o.TryGetProperty("cmd", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(o => o.GetProperty("cmd").GetString()!).ToHashSet();
        NoneMissing("commands", DocumentedCommands().Where(c => !names.Contains(c)));
        Assert.Contains(names, n => !DocumentedCommands().Contains(n));                         // an unknown command
        Assert.True(objects.Count < payloads.Count, "no payload that is not a JSON object");
        Assert.Contains(objects, o => !o.TryGetProperty("id", out _));                          // no id
        var ids = objects.Where(o => o.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            .Select(o => o.GetProperty("id").GetString()).ToList();
        Assert.True(ids.Count > ids.Distinct().Count(), "no id sent twice");
        Assert.Contains(payloads, p => p.Length > JsonReader.MaxBytes);       // oversized
    }

    [Fact]
    public void TogetherTheyTypeEveryConsoleCommandAndWhatAConsoleMustShrugOff()
    {
        var lines = AllSteps().Where(s => s.Verb == ScenarioVerb.Console).Select(s => s.Text).ToList();
        var typed = lines.Select(l => ConsoleCommands.Match(l.Split(' '))).Where(c => c != null).ToHashSet();
        NoneMissing("console commands", ConsoleCommands.All.Where(c => !typed.Contains(c)).Select(c => c.Usage));
        Assert.Contains(lines, l => l.Length > 80);                                             // over-long
        Assert.Contains(lines, l => ConsoleCommands.Match(l.Split(' ')) == null && !Regex.IsMatch(l, "^[0-9]+$")); // unknown words
        Assert.Contains("mode json", lines);
        Assert.Contains("000000", lines);                                                      // the factory PIN
    }

    /// <summary>Runs seeds 1..25 as `PileSim run` does; each reaches its end, and the answers show what was sent.</summary>
    [Fact]
    public void FixedSeedsRunToTheirEndWithoutARefusal()
    {
        var reasons = new HashSet<string>();
        var logins = new HashSet<bool>();
        for (var seed = 1; seed <= RunSeeds; seed++)
        {
            var steps = Steps(seed);
            var recorder = new RecordingWriter();
            var pile = new SimulatedPile(ScenarioRunner.ConfigFor(steps), recorder);
            var refusal = ScenarioRunner.Run(pile, steps);
            Assert.True(refusal == null, $"seed {seed}: {refusal}");
            Assert.True(pile.NowMs > steps[^1].TimeMs - Firmware.Pile.TickMs, $"seed {seed} stopped at {pile.NowMs} ms, before its end");
            foreach (var (_, payload) in recorder.Publishes.Where(p => p.Topic.EndsWith("/cmd/result")))
            {
                var result = JsonDocument.Parse(payload).RootElement;
                reasons.Add(result.GetProperty("reason").GetString()!);
                if (result.TryGetProperty("replayed", out var replayed) && replayed.GetBoolean())
                    reasons.Add("replayed"); // the original answer again
            }
            foreach (var line in recorder.Lines.Select(l => JsonDocument.Parse(l).RootElement))
                if (line.GetProperty("ev").GetString() == "console" && line.TryGetProperty("action", out var action) && action.GetString() == "login")
                    logins.Add(line.GetProperty("accepted").GetBoolean());
        }
        NoneMissing("answers", new[] { "ok", "malformed", "unknown-command", "bad-envelope", "replayed", "bad-argument", "expired", "no-clock", "oversized" }
            .Where(r => !reasons.Contains(r)));
        Assert.Equal(new HashSet<bool> { true, false }, logins);
    }

    private static void NoneMissing<T>(string what, IEnumerable<T> missing)
    {
        var list = missing.ToList();
        Assert.True(list.Count == 0, $"{what} never seen: {string.Join(", ", list)}");
    }

    /// <summary>The commands the table "Each command" of docs/mqtt-api.md lists.</summary>
    private static HashSet<string> DocumentedCommands()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "mqtt-api.md"));
        var table = doc[doc.IndexOf("### Each command", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| cmd |", StringComparison.Ordinal), StringComparison.Ordinal)];
        var names = Regex.Matches(table, @"^\| `([a-z-]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(names.Count >= 11, "the command table of docs/mqtt-api.md was not found");
        return names;
    }

    private static JsonElement? TryParseObject(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
