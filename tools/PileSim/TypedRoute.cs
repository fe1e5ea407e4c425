using ChargeController.Runtime.Console;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim;

/// <summary>
/// Where a line typed at the interactive pile goes. A simulation verb as typed is that verb. The technician console gets
/// a line whose first word is no verb's, and a console command that no verb shares its name with (`meter`, `faults`,
/// `config get &lt;key&gt;`) given its number of arguments. Any other line starts with a verb's word: it is a mistyped
/// verb (`ev fly`, `PLUG 16A`, `limit 10`), refused with the usage of the verbs it starts like, and never typed on the
/// console, where a protected command such as `limit` would be refused as a security event. `console &lt;line&gt;` types
/// any line on the console.
/// </summary>
internal static class TypedRoute
{
    /// <returns>the step to apply (a verb, or a `console` step), or null with <paramref name="refusal"/></returns>
    public static ScenarioStep? Step(string line, long nowMs, out string? refusal)
    {
        var step = ScenarioParser.ParseCommand(line, nowMs, out var error);
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var consoleLine = step != null ? step.Verb == ScenarioVerb.ConfigChange && !step.Text!.Contains('=') // `config list`
            : IsConsoleOnly(words) || Usages(words[0]) == null;
        if (consoleLine)
            return ScenarioParser.ParseCommand("console " + line, nowMs, out refusal);
        refusal = step == null ? error + " (usage: " + Usages(words[0]) + "; type 'help')" : null;
        return step;
    }

    /// <summary>How a verb is typed, as help shows it: `plug [&lt;n&gt;A]`, `cmd &lt;json&gt;`.</summary>
    public static string Usage(VerbSyntax verb) => verb.Words + verb.Argument switch
    {
        "" => "",
        VerbSyntax.JsonArgument => " <json>",
        VerbSyntax.TextArgument => verb.Verb switch
        {
            ScenarioVerb.ConfigChange or ScenarioVerb.Set => " key=value",
            ScenarioVerb.Console => " <line>",
            ScenarioVerb.Clock => " <UTC, e.g. 2026-11-28T10:00:00Z>",
            _ => " <idTag>",
        },
        _ => verb.ArgumentOptional ? $" [<n>{verb.Unit}]" : $" <n>{verb.Unit}",
    };

    /// <summary>A console command named by the line, with as many arguments as it takes, that is no verb's name.</summary>
    private static bool IsConsoleOnly(string[] words)
    {
        var command = ConsoleCommands.Match(words);
        if (command == null || VerbSyntax.All.Any(verb => verb.Words == command.Name))
            return false;
        var arguments = words.Length - command.WordCount;
        return arguments >= command.MinArguments && arguments <= command.MaxArguments;
    }

    /// <summary>The usages of the interactive verbs whose first word is <paramref name="word"/> in any case, or null for none.</summary>
    private static string? Usages(string word)
    {
        var usages = VerbSyntax.All.Where(verb => verb.Verb is not (ScenarioVerb.Set or ScenarioVerb.End) &&
            verb.Words.Split(' ')[0].Equals(word, StringComparison.OrdinalIgnoreCase)).Select(Usage).ToArray();
        return usages.Length == 0 ? null : string.Join(" | ", usages);
    }
}
