using ChargeController.Tools;

namespace ChargeController.PileSim.Generator;

/// <summary>`PileSim generate --seed S --count N --out DIR`: writes random-S.scn .. random-(S+N-1).scn into DIR.</summary>
internal static class GenerateCommand
{
    public const int MaxCount = 100_000;

    public static readonly CommandOption[] Options = { CommandOption.Seed, CommandOption.Count, CommandOption.Out };

    public static int Run(CommandLine cli, string[] args)
    {
        var chosen = new ChosenOptions();
        var problem = CommandOption.Parse(args, 1, Options, chosen);
        if (problem == null && (chosen.Seed == null || chosen.Count == null || chosen.Out == null))
            problem = "needs --seed, --count and --out";
        int seed = 0, count = 0;
        if (problem == null && (!int.TryParse(chosen.Seed, out seed) || seed < 0))
            problem = $"--seed takes a whole number from 0 to {int.MaxValue}, not '{chosen.Seed}'";
        if (problem == null && (!int.TryParse(chosen.Count, out count) || count < 1 || count > MaxCount))
            problem = $"--count takes a whole number from 1 to {MaxCount}, not '{chosen.Count}'";
        if (problem == null && (long)seed + count - 1 > int.MaxValue)
            problem = $"the seeds {seed}..{(long)seed + count - 1} go past {int.MaxValue}";
        if (problem != null)
            return cli.Usage("generate " + problem);
        try
        {
            Directory.CreateDirectory(chosen.Out!);
            for (var s = seed; s < seed + count; s++)
                File.WriteAllText(Path.Combine(chosen.Out!, ScenarioGenerator.FileName(s)), ScenarioGenerator.Text(s));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return cli.Fail($"cannot write the scenarios into {chosen.Out}: {e.Message}");
        }
        return CommandLine.Ok;
    }
}
