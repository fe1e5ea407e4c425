using System.Text;
using ChargeController.Sim.Scenarios;

namespace ChargeController.Tests.Properties;

/// <summary>
/// What the property tests share: a fixed list of seeds for CI plus N random ones from an environment variable for longer
/// hunts, a random mix that only holds verbs the vehicle can take (PileSim refuses the rest, so a printed scenario replays
/// as it ran), and the scenario text a failure prints.
/// </summary>
internal static class PropertyScenario
{
    public static IEnumerable<int> Seeds(int fixedSeeds, string randomSeedsVariable)
    {
        for (var seed = 1; seed <= fixedSeeds; seed++)
            yield return seed;
        if (int.TryParse(Environment.GetEnvironmentVariable(randomSeedsVariable), out var random))
            for (var i = 0; i < random; i++)
                yield return Random.Shared.Next();
    }

    /// <summary>
    /// Adds <paramref name="command"/> at <paramref name="timeMs"/> unless the pile could not take it now: the vehicle
    /// verbs as <see cref="PlugRule"/> says, a power cut or restore, a link down or up, that would change nothing.
    /// </summary>
    /// <returns>whether it was added</returns>
    public static bool TryAdd(List<(long TimeMs, string Command)> steps, long timeMs, string command, ref bool plugged)
    {
        var verb = ScenarioParser.ParseCommand(command, timeMs, out var error)?.Verb ?? throw new ArgumentException(error);
        if (PlugRule.Refusal(verb, plugged) != null)
            return false;
        if ((command is "power cut" or "power restore" && command == LastOf(steps, "power cut", "power restore", "power restore")) ||
            (command is "link down" or "link up" && command == LastOf(steps, "link down", "link up", "link up")))
            return false;
        plugged = PlugRule.PluggedAfter(verb, plugged);
        steps.Add((timeMs, command));
        return true;
    }

    /// <summary>The last of the two commands in <paramref name="steps"/>, <paramref name="initially"/> when neither is there.</summary>
    private static string LastOf(List<(long TimeMs, string Command)> steps, string one, string other, string initially)
    {
        for (var i = steps.Count - 1; i >= 0; i--)
            if (steps[i].Command == one || steps[i].Command == other)
                return steps[i].Command;
        return initially;
    }

    public static string Text(string property, int seed, IEnumerable<string> settings, IEnumerable<(long TimeMs, string Command)> steps)
    {
        var text = new StringBuilder($"# {property} seed {seed}\n");
        foreach (var setting in settings)
            text.Append("0s set ").Append(setting).Append('\n');
        foreach (var (timeMs, command) in steps)
            text.Append(timeMs).Append("ms ").Append(command).Append('\n');
        return text.ToString();
    }

    public static string Replay(int seed, string text) =>
        $"seed {seed}; save the scenario below and replay it with: dotnet run --project tools/PileSim -- run <file.scn>\n{text}";
}
