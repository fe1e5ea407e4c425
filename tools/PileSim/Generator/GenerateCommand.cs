using ChargeController.Tools;

namespace ChargeController.PileSim.Generator;

/// <summary>`PileSim generate --seed S --count N --out DIR`: writes random-S.scn .. random-(S+N-1).scn into DIR.</summary>
internal static class GenerateCommand
{
    public const int MaxCount = 100_000;

    public static int Run(CommandLine cli, string[] args)
    {
        int? seed = null, count = null;
        string? folder = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is not ("--seed" or "--count" or "--out"))
                return cli.Usage($"generate: unknown argument '{args[i]}'");
            if (i + 1 >= args.Length)
                return cli.Usage($"generate: {args[i]} needs a value");
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--seed":
                    if (!int.TryParse(value, out var s) || s < 0)
                        return cli.Usage($"generate: --seed takes a whole number from 0 to {int.MaxValue}, not '{value}'");
                    seed = s;
                    break;
                case "--count":
                    if (!int.TryParse(value, out var n) || n < 1 || n > MaxCount)
                        return cli.Usage($"generate: --count takes a whole number from 1 to {MaxCount}, not '{value}'");
                    count = n;
                    break;
                default:
                    folder = value;
                    break;
            }
        }
        if (seed == null || count == null || folder == null)
            return cli.Usage("generate needs --seed, --count and --out");
        if ((long)seed + count - 1 > int.MaxValue)
            return cli.Usage($"generate: the seeds {seed}..{(long)seed + count - 1} go past {int.MaxValue}");
        try
        {
            Directory.CreateDirectory(folder);
            for (var s = seed.Value; s < seed + count; s++)
                File.WriteAllText(Path.Combine(folder, ScenarioGenerator.FileName(s)), ScenarioGenerator.Text(s));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return cli.Fail($"cannot write the scenarios into {folder}: {e.Message}");
        }
        return CommandLine.Ok;
    }
}
